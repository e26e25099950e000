import type { OutboxEntry, OutboxQuery, SmsOutbox } from '../../services/sms/sms-outbox';
import type { SmsMessage } from '../../services/sms/sms-sender';
import { byDue, toEntry, type OutboxRow } from '../rows/outbox-row';
import type { PgPool, Queryable } from './open-postgres';

/** Queues `m` on `q` (the pool, or a client inside the caller's transaction) unless its key is queued already. */
export async function enqueueOn(q: Queryable, m: SmsMessage, now: number): Promise<OutboxEntry> {
  const inserted = await q.query<OutboxRow>(
    `INSERT INTO sms_outbox (key, kind, to_phone, from_phone, body, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (key) DO NOTHING RETURNING *`,
    [m.key, m.kind, m.to, m.from, m.body, now],
  );
  if (inserted.rows[0]) return toEntry(inserted.rows[0]);
  const { rows } = await q.query<OutboxRow>('SELECT * FROM sms_outbox WHERE key = $1', [m.key]);
  return toEntry(rows[0]);
}

/**
 * The outbox in the `sms_outbox` table, shared by every server. A claim locks the due rows it
 * takes with FOR UPDATE SKIP LOCKED, so senders on several servers claiming at the same moment
 * each get different messages instead of waiting for (or doubling) each other's.
 * To queue an SMS atomically with other writes, call `enqueueOn(client, …)` inside your transaction.
 */
export function pgSmsOutbox(pool: PgPool): SmsOutbox {
  const settle = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount === 1;
  return {
    enqueue: (m, now) => enqueueOn(pool, m, now),
    async claimDue({ now, limit, leaseMs, claimer }) {
      const { rows } = await pool.query<OutboxRow>(
        `UPDATE sms_outbox o SET claimed_until = $2, claimed_by = $3, attempts = o.attempts + 1
         FROM (SELECT id FROM sms_outbox
               WHERE status = 'pending' AND next_attempt_at <= $1 AND claimed_until <= $1
               ORDER BY next_attempt_at, id LIMIT $4
               FOR UPDATE SKIP LOCKED) due
         WHERE o.id = due.id
         RETURNING o.*`,
        [now, now + leaseMs, claimer, limit],
      );
      return rows.map(toEntry).sort(byDue);
    },
    markSent: (id, claimer, { sid, now }) =>
      settle(
        `UPDATE sms_outbox SET status = 'sent', sid = $3, sent_at = $4, last_error = NULL, claimed_until = 0, claimed_by = NULL
         WHERE id = $1 AND status = 'pending' AND claimed_by = $2`,
        [Number(id), claimer, sid, now],
      ),
    markFailed: (id, claimer, { error, retryAt }) =>
      retryAt === undefined
        ? settle(
            `UPDATE sms_outbox SET status = 'failed', last_error = $3, claimed_until = 0, claimed_by = NULL
             WHERE id = $1 AND status = 'pending' AND claimed_by = $2`,
            [Number(id), claimer, error],
          )
        : settle(
            `UPDATE sms_outbox SET next_attempt_at = $4, last_error = $3, claimed_until = 0, claimed_by = NULL
             WHERE id = $1 AND status = 'pending' AND claimed_by = $2`,
            [Number(id), claimer, error, retryAt],
          ),
    async get(key) {
      const { rows } = await pool.query<OutboxRow>('SELECT * FROM sms_outbox WHERE key = $1', [key]);
      return rows[0] && toEntry(rows[0]);
    },
    async list({ status, limit }: OutboxQuery = {}) {
      const { rows } = await pool.query<OutboxRow>('SELECT * FROM sms_outbox WHERE ($1::text IS NULL OR status = $1) ORDER BY id LIMIT $2', [status ?? null, limit ?? null]);
      return rows.map(toEntry);
    },
  };
}
