import { TicketIdTakenError, type TicketQuery, type TicketStore } from '../../services/tickets/ticket-store';
import type { Ticket } from '../../services/tickets/ticket.schema';
import { toTicket as decodeTicket, type TicketRow } from '../rows/ticket-row';
import { inTransaction, isUniqueViolation, type PgPool, type Queryable } from './open-postgres';

const toTicket = (r: TicketRow): Ticket => decodeTicket(r, 'PostgreSQL');

/** The columns after id and key, in the order of `values`. */
const FIELDS = 'hotline, category, priority, status, call_sid, caller_phone, account_id, lang, summary, path, vars, recording_url, created_at, due_at, sla_minutes, notes, rating';
const values = (t: Ticket) => [
  t.hotline,
  t.category,
  t.priority,
  t.status,
  t.callSid,
  t.callerPhone,
  t.accountId ?? null,
  t.lang,
  t.summary,
  JSON.stringify(t.path),
  JSON.stringify(t.vars),
  t.recordingUrl ?? null,
  t.createdAt,
  t.dueAt,
  t.slaMinutes,
  JSON.stringify(t.notes),
  t.rating ?? null,
];
const SET = FIELDS.split(', ')
  .map((c, i) => `${c} = $${i + 2}`)
  .join(', ');

/** Tickets in the `tickets` table, unique by `key` (the effect's idempotency key) and by number. */
export function pgTicketStore(pool: PgPool): TicketStore {
  const byId = async (q: Queryable, id: string, lock = false) => {
    const { rows } = await q.query<TicketRow>(`SELECT * FROM tickets WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] && toTicket(rows[0]);
  };
  const write = (q: Queryable, t: Ticket) => q.query(`UPDATE tickets SET ${SET} WHERE id = $1`, [t.id, ...values(t)]);
  return {
    async insertOnce(t) {
      try {
        const { rows } = await pool.query<TicketRow>(
          `INSERT INTO tickets (id, key, ${FIELDS}) VALUES (${Array.from({ length: 19 }, (_, i) => `$${i + 1}`).join(', ')})
           ON CONFLICT (key) DO NOTHING RETURNING *`,
          [t.id, t.key, ...values(t)],
        );
        if (rows[0]) return toTicket(rows[0]);
      } catch (err) {
        if (isUniqueViolation(err, 'tickets_pkey')) throw new TicketIdTakenError(t.id);
        throw err;
      }
      const { rows } = await pool.query<TicketRow>('SELECT * FROM tickets WHERE key = $1', [t.key]);
      return toTicket(rows[0]);
    },
    get: (id) => byId(pool, id),
    async list(q: TicketQuery) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      const add = (sql: string, value: string | number) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (q.phone) add('caller_phone = ?', q.phone);
      if (q.status) add('status = ?', q.status);
      if (q.category) add('category = ?', q.category);
      if (q.callSid) add('call_sid = ?', q.callSid);
      if (q.overdueAt !== undefined) add("status <> 'resolved' AND due_at < ?", q.overdueAt);
      const page = q.limit === undefined ? '' : ` LIMIT ${Math.trunc(q.limit)} OFFSET ${Math.trunc(q.offset ?? 0)}`;
      const { rows } = await pool.query<TicketRow>(`SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id${page}`, params);
      return rows.map(toTicket);
    },
    async countOverdue(at) {
      const { rows } = await pool.query<{ category: Ticket['category']; n: string }>(
        "SELECT category, count(*) AS n FROM tickets WHERE status <> 'resolved' AND due_at < $1 GROUP BY category",
        [at],
      );
      return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
    },
    async update(t) {
      if ((await write(pool, t)).rowCount === 0) throw new Error(`cannot update ticket ${t.id}: there is no such ticket (create it with insertOnce first)`);
    },
    // FOR UPDATE: two staff saving the same ticket at once cannot both start from the old one.
    change: (id, apply) =>
      inTransaction(pool, async (client) => {
        const stored = await byId(client, id, true);
        if (!stored) return undefined;
        await write(client, { ...apply(stored), id, key: stored.key });
        return byId(client, id);
      }),
  };
}
