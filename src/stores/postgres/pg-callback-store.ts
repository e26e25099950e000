import type { CallbackQuery, CallbackStore } from '../../services/callbacks/callback-store';
import { claimedJob } from '../../services/callbacks/callback-store';
import type { CallbackJob } from '../../services/callbacks/callback-job';
import { toCallbackJob, toCallbackRow, type CallbackRow } from '../rows/callback-row';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

const decode = (r: CallbackRow) => toCallbackJob(r, 'PostgreSQL');

async function write(q: Queryable, j: CallbackJob): Promise<void> {
  const r = toCallbackRow(j);
  await q.query(
    `UPDATE callback_jobs SET status = $2, next_attempt_at = $3, claimed_until = $4, claimed_by = $5, dial_started_at = $6, attempts = $7, data = $8
     WHERE ticket_id = $1`,
    [r.ticket_id, r.status, r.next_attempt_at, r.claimed_until, r.claimed_by, r.dial_started_at, r.attempts, r.data],
  );
}

/**
 * The callback schedule in `callback_jobs`, shared by every server. A claim locks the due rows it
 * takes with FOR UPDATE SKIP LOCKED, so diallers claiming at once each get different jobs; a
 * change holds its row (FOR UPDATE) from read to write.
 */
export function pgCallbackStore(pool: PgPool): CallbackStore {
  return {
    async scheduleOnce(job) {
      const r = toCallbackRow(job);
      await pool.query(
        `INSERT INTO callback_jobs (ticket_id, status, next_attempt_at, claimed_until, claimed_by, dial_started_at, attempts, created_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (ticket_id) DO NOTHING`,
        [r.ticket_id, r.status, r.next_attempt_at, r.claimed_until, r.claimed_by, r.dial_started_at, r.attempts, r.created_at, r.data],
      );
      const { rows } = await pool.query<CallbackRow>('SELECT * FROM callback_jobs WHERE ticket_id = $1', [job.ticketId]);
      return decode(rows[0]);
    },
    claimDue: (claim) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<CallbackRow>(
          `SELECT * FROM callback_jobs WHERE status = 'pending' AND next_attempt_at <= $1 AND claimed_until <= $1
           ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [claim.now, claim.limit],
        );
        const held = rows.map((row) => claimedJob(decode(row), claim));
        for (const j of held) await write(client, j);
        return held;
      }),
    change: (ticketId, apply) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<CallbackRow>('SELECT * FROM callback_jobs WHERE ticket_id = $1 FOR UPDATE', [ticketId]);
        if (!rows[0]) return undefined;
        const stored = decode(rows[0]);
        const next = apply(stored);
        if (!next) return { job: stored, changed: false };
        await write(client, { ...next, ticketId });
        return { job: { ...next, ticketId }, changed: true };
      }),
    async get(ticketId) {
      const { rows } = await pool.query<CallbackRow>('SELECT * FROM callback_jobs WHERE ticket_id = $1', [ticketId]);
      return rows[0] && decode(rows[0]);
    },
    async list(q: CallbackQuery = {}) {
      const { rows } = await pool.query<CallbackRow>(
        `SELECT * FROM callback_jobs WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR created_at >= $2) AND ($3::bigint IS NULL OR created_at < $3)
         ORDER BY created_at, ticket_id`,
        [q.status ?? null, q.createdFrom ?? null, q.createdTo ?? null],
      );
      return rows.map(decode);
    },
    async advanceProgress(ticketId, slot) {
      const res = await pool.query(
        `INSERT INTO ticket_progress_sms (ticket_id, slot) VALUES ($1, $2)
         ON CONFLICT (ticket_id) DO UPDATE SET slot = excluded.slot WHERE ticket_progress_sms.slot < excluded.slot`,
        [ticketId, slot],
      );
      return res.rowCount === 1;
    },
    async progressSlot(ticketId) {
      const { rows } = await pool.query<{ slot: number }>('SELECT slot FROM ticket_progress_sms WHERE ticket_id = $1', [ticketId]);
      return rows[0]?.slot ?? 0;
    },
  };
}
