import { z } from 'zod';
import { SmsMessageSchema, type SmsMessage } from './sms-sender';

export const OutboxStatusSchema = z.enum(['pending', 'sent', 'failed']);
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;

/** A queued SMS and how its delivery went. Times are epoch ms. */
export const OutboxEntrySchema = SmsMessageSchema.extend({
  id: z.string(),
  status: OutboxStatusSchema,
  /** Sends tried so far, counted when a sender claims the message. */
  attempts: z.number().int(),
  nextAttemptAt: z.number(),
  /** A sender holds the message until then; 0 when nobody does. */
  claimedUntil: z.number(),
  createdAt: z.number(),
  /** The provider's message id (Twilio `SM…`) once sent. */
  sid: z.string().optional(),
  sentAt: z.number().optional(),
  lastError: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export type OutboxClaim = { now: number; limit: number; leaseMs: number; claimer: string };
export type OutboxQuery = { status?: OutboxStatus; limit?: number };

/**
 * SMS waiting to be sent, so that a message survives a restart or a provider outage and is sent
 * once. Writers `enqueue`; a sender loop (`createOutboxSender`) claims due messages, sends them
 * and records the outcome. Implementations: memory, SQLite (see `sqliteSmsOutbox`, whose
 * `enqueueSync` joins the caller's SQLite transaction).
 */
export interface SmsOutbox {
  /** Queues a message, due at `now`, unless one with the same key exists; returns the stored entry either way. */
  enqueue(message: SmsMessage, now: number): Promise<OutboxEntry>;
  /**
   * Atomically claims up to `limit` pending messages that are due and not held by anyone, holds
   * them for `leaseMs` and counts an attempt. Two senders never get the same message while a lease lasts.
   */
  claimDue(claim: OutboxClaim): Promise<OutboxEntry[]>;
  /** Records a send by the holder of the claim; false (and nothing changed) if `claimer` no longer holds it. */
  markSent(id: string, claimer: string, sent: { sid: string; now: number }): Promise<boolean>;
  /** Records a failure: pending again from `retryAt`, or `failed` for good without it. False if the claim was lost. */
  markFailed(id: string, claimer: string, failure: { error: string; now: number; retryAt?: number }): Promise<boolean>;
  get(key: string): Promise<OutboxEntry | undefined>;
  /** Oldest first. */
  list(query?: OutboxQuery): Promise<OutboxEntry[]>;
}

export function memorySmsOutbox(): SmsOutbox {
  const entries: (OutboxEntry & { claimedBy?: string })[] = [];
  const view = ({ claimedBy: _claimedBy, ...e }: OutboxEntry & { claimedBy?: string }): OutboxEntry => ({ ...e });
  const held = (id: string, claimer: string) => entries.find((e) => e.id === id && e.status === 'pending' && e.claimedBy === claimer);
  return {
    async enqueue(message, now) {
      const existing = entries.find((e) => e.key === message.key);
      if (existing) return view(existing);
      const { key, to, from, body, kind } = message;
      const entry = { key, to, from, body, kind, id: String(entries.length + 1), status: 'pending' as const, attempts: 0, nextAttemptAt: now, claimedUntil: 0, createdAt: now };
      entries.push(entry);
      return view(entry);
    },
    async claimDue({ now, limit, leaseMs, claimer }) {
      const due = entries
        .filter((e) => e.status === 'pending' && e.nextAttemptAt <= now && e.claimedUntil <= now)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || Number(a.id) - Number(b.id))
        .slice(0, limit);
      for (const e of due) Object.assign(e, { claimedUntil: now + leaseMs, claimedBy: claimer, attempts: e.attempts + 1 });
      return due.map(view);
    },
    async markSent(id, claimer, { sid, now }) {
      const e = held(id, claimer);
      if (!e) return false;
      Object.assign(e, { status: 'sent', sid, sentAt: now, claimedUntil: 0 });
      delete e.lastError;
      delete e.claimedBy;
      return true;
    },
    async markFailed(id, claimer, { error, retryAt }) {
      const e = held(id, claimer);
      if (!e) return false;
      Object.assign(e, retryAt === undefined ? { status: 'failed' } : { nextAttemptAt: retryAt }, { lastError: error, claimedUntil: 0 });
      delete e.claimedBy;
      return true;
    },
    get: async (key) => {
      const e = entries.find((x) => x.key === key);
      return e && view(e);
    },
    list: async ({ status, limit } = {}) => entries.filter((e) => !status || e.status === status).slice(0, limit ?? Infinity).map(view),
  };
}
