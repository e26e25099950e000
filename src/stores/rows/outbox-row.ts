import type { OutboxEntry } from '../../services/sms/sms-outbox';

/** An SMS outbox row as both SQL stores keep it (same columns in SQLite and PostgreSQL). */
export type OutboxRow = {
  id: number;
  key: string;
  kind: string;
  to_phone: string;
  from_phone: string;
  body: string;
  status: OutboxEntry['status'];
  attempts: number;
  next_attempt_at: number;
  claimed_until: number;
  claimed_by: string | null;
  sid: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
};

export function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: String(r.id),
    key: r.key,
    to: r.to_phone,
    from: r.from_phone,
    body: r.body,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    claimedUntil: r.claimed_until,
    createdAt: r.created_at,
    ...(r.sid !== null ? { sid: r.sid } : {}),
    ...(r.sent_at !== null ? { sentAt: r.sent_at } : {}),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
  };
}

export const byDue = (a: OutboxEntry, b: OutboxEntry) => a.nextAttemptAt - b.nextAttemptAt || Number(a.id) - Number(b.id);
