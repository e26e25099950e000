import type { CallbackStore, CallbackQuery } from '../../services/callbacks/callback-store';
import { claimedJob } from '../../services/callbacks/callback-store';
import { toCallbackJob, toCallbackRow, type CallbackRow } from '../rows/callback-row';
import type { SqliteDatabase } from './open-sqlite';
import { soloWrites, type WriteGroup } from './write-group';

/**
 * The callback schedule in `callback_jobs`. Every write runs in the write group's IMMEDIATE
 * transaction, so a claim (select the due jobs, then hold them) is atomic across processes
 * sharing the file: two diallers never hold the same job while a lease lasts.
 */
export function sqliteCallbackStore(db: SqliteDatabase, writes: WriteGroup = soloWrites(db)): CallbackStore {
  const insert = db.prepare(`
    INSERT INTO callback_jobs (ticket_id, status, next_attempt_at, claimed_until, claimed_by, dial_started_at, attempts, created_at, data)
    VALUES (@ticket_id, @status, @next_attempt_at, @claimed_until, @claimed_by, @dial_started_at, @attempts, @created_at, @data)
    ON CONFLICT (ticket_id) DO NOTHING`);
  const update = db.prepare(`
    UPDATE callback_jobs SET status = @status, next_attempt_at = @next_attempt_at, claimed_until = @claimed_until, claimed_by = @claimed_by,
      dial_started_at = @dial_started_at, attempts = @attempts, data = @data
    WHERE ticket_id = @ticket_id`);
  const byTicket = db.prepare<[string], CallbackRow>('SELECT * FROM callback_jobs WHERE ticket_id = ?');
  const due = db.prepare<{ now: number; limit: number }, CallbackRow>(`
    SELECT * FROM callback_jobs WHERE status = 'pending' AND next_attempt_at <= @now AND claimed_until <= @now
    ORDER BY next_attempt_at, created_at LIMIT @limit`);
  const slotOf = db.prepare<[string], { slot: number }>('SELECT slot FROM ticket_progress_sms WHERE ticket_id = ?');
  const advance = db.prepare(`
    INSERT INTO ticket_progress_sms (ticket_id, slot) VALUES (@ticketId, @slot)
    ON CONFLICT (ticket_id) DO UPDATE SET slot = excluded.slot WHERE ticket_progress_sms.slot < excluded.slot`);
  const decode = (r: CallbackRow) => toCallbackJob(r, 'SQLite');
  const read = (ticketId: string) => {
    const row = byTicket.get(ticketId);
    return row && decode(row);
  };

  return {
    scheduleOnce: (job) =>
      writes.run(() => {
        insert.run(toCallbackRow(job));
        return read(job.ticketId)!;
      }),
    claimDue: (claim) =>
      writes.run(() =>
        due.all({ now: claim.now, limit: claim.limit }).map((row) => {
          const held = claimedJob(decode(row), claim);
          update.run(toCallbackRow(held));
          return held;
        }),
      ),
    change: (ticketId, apply) =>
      writes.run(() => {
        const stored = read(ticketId);
        if (!stored) return undefined;
        const next = apply(stored);
        if (!next) return { job: stored, changed: false };
        update.run(toCallbackRow({ ...next, ticketId }));
        return { job: read(ticketId)!, changed: true };
      }),
    get: async (ticketId) => read(ticketId),
    list: async (q: CallbackQuery = {}) =>
      db
        .prepare<{ status: string | null; from: number | null; to: number | null }, CallbackRow>(
          'SELECT * FROM callback_jobs WHERE (@status IS NULL OR status = @status) AND (@from IS NULL OR created_at >= @from) AND (@to IS NULL OR created_at < @to) ORDER BY created_at, ticket_id',
        )
        .all({ status: q.status ?? null, from: q.createdFrom ?? null, to: q.createdTo ?? null })
        .map(decode),
    advanceProgress: (ticketId, slot) => writes.run(() => advance.run({ ticketId, slot }).changes === 1),
    progressSlot: async (ticketId) => slotOf.get(ticketId)?.slot ?? 0,
  };
}
