import { TicketIdTakenError, type TicketQuery, type TicketStore } from '../../services/tickets/ticket-store';
import type { Ticket } from '../../services/tickets/ticket.schema';
import { toTicket as decodeTicket, type TicketRow } from '../rows/ticket-row';
import type { SqliteDatabase } from './open-sqlite';

/** SQLite keeps path, vars and notes as JSON text. */
type SqliteTicketRow = Omit<TicketRow, 'path' | 'vars' | 'notes'> & { path: string; vars: string; notes: string };

function toTicket(r: SqliteTicketRow): Ticket {
  return decodeTicket({ ...r, path: JSON.parse(r.path), vars: JSON.parse(r.vars), notes: JSON.parse(r.notes) }, 'SQLite');
}

function toRow(t: Ticket) {
  return {
    id: t.id,
    key: t.key,
    hotline: t.hotline,
    category: t.category,
    priority: t.priority,
    status: t.status,
    callSid: t.callSid,
    callerPhone: t.callerPhone,
    accountId: t.accountId ?? null,
    lang: t.lang,
    summary: t.summary,
    path: JSON.stringify(t.path),
    vars: JSON.stringify(t.vars),
    recordingUrl: t.recordingUrl ?? null,
    createdAt: t.createdAt,
    dueAt: t.dueAt,
    slaMinutes: t.slaMinutes,
    notes: JSON.stringify(t.notes),
    rating: t.rating ?? null,
  };
}

/**
 * Tickets in the `tickets` table, unique by `key`. `insertOnceSync` is for callers that write a
 * ticket inside their own `db.transaction` (with an outbox SMS, say).
 */
export function sqliteTicketStore(db: SqliteDatabase): TicketStore & { insertOnceSync(ticket: Ticket): Ticket } {
  const insert = db.prepare(`
    INSERT INTO tickets (id, key, hotline, category, priority, status, call_sid, caller_phone, account_id, lang, summary, path, vars, recording_url, created_at, due_at, sla_minutes, notes, rating)
    VALUES (@id, @key, @hotline, @category, @priority, @status, @callSid, @callerPhone, @accountId, @lang, @summary, @path, @vars, @recordingUrl, @createdAt, @dueAt, @slaMinutes, @notes, @rating)
    ON CONFLICT (key) DO NOTHING`);
  const byKey = db.prepare<[string], SqliteTicketRow>('SELECT * FROM tickets WHERE key = ?');
  const byId = db.prepare<[string], SqliteTicketRow>('SELECT * FROM tickets WHERE id = ?');
  const update = db.prepare(`
    UPDATE tickets SET hotline = @hotline, category = @category, priority = @priority, status = @status, call_sid = @callSid,
      caller_phone = @callerPhone, account_id = @accountId, lang = @lang, summary = @summary, path = @path, vars = @vars,
      recording_url = @recordingUrl, created_at = @createdAt, due_at = @dueAt, sla_minutes = @slaMinutes, notes = @notes, rating = @rating
    WHERE id = @id`);

  const overdue = db.prepare<[number], { category: Ticket['category']; n: number }>(
    "SELECT category, count(*) AS n FROM tickets WHERE status <> 'resolved' AND due_at < ? GROUP BY category",
  );

  const insertOnceSync = db.transaction((t: Ticket): Ticket => {
    const existing = byKey.get(t.key);
    if (existing) return toTicket(existing);
    if (byId.get(t.id)) throw new TicketIdTakenError(t.id);
    insert.run(toRow(t));
    return toTicket(byKey.get(t.key)!);
  });

  const change = db.transaction((id: string, apply: (t: Ticket) => Ticket): Ticket | undefined => {
    const row = byId.get(id);
    if (!row) return undefined;
    const stored = toTicket(row);
    update.run(toRow({ ...apply(stored), id, key: stored.key }));
    return toTicket(byId.get(id)!);
  });

  return {
    insertOnceSync,
    // IMMEDIATE: two staff saving the same ticket at once cannot both start from the old one.
    change: async (id, apply) => change.immediate(id, apply),
    insertOnce: async (t) => insertOnceSync.immediate(t),
    get: async (id) => {
      const row = byId.get(id);
      return row && toTicket(row);
    },
    list: async (q: TicketQuery) => {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      if (q.phone) (where.push('caller_phone = @phone'), (params.phone = q.phone));
      if (q.status) (where.push('status = @status'), (params.status = q.status));
      if (q.category) (where.push('category = @category'), (params.category = q.category));
      if (q.callSid) (where.push('call_sid = @callSid'), (params.callSid = q.callSid));
      if (q.overdueAt !== undefined) (where.push("status <> 'resolved' AND due_at < @overdueAt"), (params.overdueAt = q.overdueAt));
      const page = q.limit === undefined ? '' : ` LIMIT ${Math.trunc(q.limit)} OFFSET ${Math.trunc(q.offset ?? 0)}`;
      const sql = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id${page}`;
      return db.prepare<Record<string, string | number>, SqliteTicketRow>(sql).all(params).map(toTicket);
    },
    countOverdue: async (at) => Object.fromEntries(overdue.all(at).map((r) => [r.category, r.n])),
    async update(t) {
      if (update.run(toRow(t)).changes === 0) throw new Error(`cannot update ticket ${t.id}: there is no such ticket (create it with insertOnce first)`);
    },
  };
}
