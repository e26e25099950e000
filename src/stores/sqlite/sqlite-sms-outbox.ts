import type { OutboxEntry, OutboxQuery, SmsOutbox } from '../../services/sms/sms-outbox';
import type { SmsMessage } from '../../services/sms/sms-sender';
import { byDue, toEntry, type OutboxRow } from '../rows/outbox-row';
import type { SqliteDatabase } from './open-sqlite';
import { soloWrites, type WriteGroup } from './write-group';

/**
 * The outbox in the `sms_outbox` table. A claim is one UPDATE … RETURNING, so two processes
 * sharing the file never claim the same message.
 *
 * To queue an SMS atomically with other writes, call `enqueueSync` inside your own transaction
 * on the same connection: `db.transaction(() => { tickets.insertOnceSync(t); outbox.enqueueSync(sms, now); })()`.
 * Both rows commit together or neither does.
 */
export function sqliteSmsOutbox(db: SqliteDatabase, writes: WriteGroup = soloWrites(db)): SmsOutbox & { enqueueSync(message: SmsMessage, now: number): OutboxEntry } {
  const insert = db.prepare(`
    INSERT INTO sms_outbox (key, kind, to_phone, from_phone, body, next_attempt_at, created_at)
    VALUES (@key, @kind, @to, @from, @body, @now, @now)
    ON CONFLICT (key) DO NOTHING`);
  const byKey = db.prepare<[string], OutboxRow>('SELECT * FROM sms_outbox WHERE key = ?');
  const claim = db.prepare<{ now: number; until: number; claimer: string; limit: number }, OutboxRow>(`
    UPDATE sms_outbox SET claimed_until = @until, claimed_by = @claimer, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM sms_outbox
      WHERE status = 'pending' AND next_attempt_at <= @now AND claimed_until <= @now
      ORDER BY next_attempt_at, id LIMIT @limit)
    RETURNING *`);
  const sent = db.prepare(`
    UPDATE sms_outbox SET status = 'sent', sid = @sid, sent_at = @now, last_error = NULL, claimed_until = 0, claimed_by = NULL
    WHERE id = @id AND status = 'pending' AND claimed_by = @claimer`);
  const retry = db.prepare(`
    UPDATE sms_outbox SET next_attempt_at = @retryAt, last_error = @error, claimed_until = 0, claimed_by = NULL
    WHERE id = @id AND status = 'pending' AND claimed_by = @claimer`);
  const giveUp = db.prepare(`
    UPDATE sms_outbox SET status = 'failed', last_error = @error, claimed_until = 0, claimed_by = NULL
    WHERE id = @id AND status = 'pending' AND claimed_by = @claimer`);

  function enqueueSync(m: SmsMessage, now: number): OutboxEntry {
    insert.run({ key: m.key, kind: m.kind, to: m.to, from: m.from, body: m.body, now });
    return toEntry(byKey.get(m.key)!);
  }

  return {
    enqueueSync,
    enqueue: (m, now) => writes.run(() => enqueueSync(m, now)),
    claimDue: ({ now, limit, leaseMs, claimer }) => writes.run(() => claim.all({ now, until: now + leaseMs, claimer, limit }).map(toEntry).sort(byDue)),
    markSent: (id, claimer, { sid, now }) => writes.run(() => sent.run({ id: Number(id), claimer, sid, now }).changes === 1),
    markFailed: (id, claimer, { error, retryAt }) =>
      writes.run(() => (retryAt === undefined ? giveUp.run({ id: Number(id), claimer, error }) : retry.run({ id: Number(id), claimer, error, retryAt })).changes === 1),
    get: async (key) => {
      const row = byKey.get(key);
      return row && toEntry(row);
    },
    list: async ({ status, limit }: OutboxQuery = {}) =>
      db
        .prepare<{ status: string | null; limit: number }, OutboxRow>('SELECT * FROM sms_outbox WHERE (@status IS NULL OR status = @status) ORDER BY id LIMIT @limit')
        .all({ status: status ?? null, limit: limit ?? -1 })
        .map(toEntry),
  };
}
