import { inTransaction, type PgPool, type Queryable } from '../../postgres/open-postgres';
import { CallRecordSchema, type CallRecord } from '../call-record';
import type { CallStore } from '../call-store';

/**
 * Call records in PostgreSQL (table `calls`, migration 0006_calls), one JSONB document per call
 * beside the columns the admin API filters on. `updateOn` joins a caller's own transaction, e.g.
 * closing the call together with its survey SMS.
 */
export function pgCallStore(pool: PgPool): CallStore & { updateOn(client: Queryable, callSid: string, change: (r: CallRecord) => CallRecord): Promise<CallRecord | undefined> } {
  const parse = (data: unknown) => CallRecordSchema.parse(data);
  // FOR UPDATE: two servers updating one call (a turn and a status callback) take turns.
  async function updateOn(client: Queryable, callSid: string, change: (r: CallRecord) => CallRecord) {
    const { rows } = await client.query<{ data: unknown }>('SELECT data FROM calls WHERE call_sid = $1 FOR UPDATE', [callSid]);
    if (!rows[0]) return undefined;
    const next = change(parse(rows[0].data));
    await client.query('UPDATE calls SET data = $2 WHERE call_sid = $1', [callSid, JSON.stringify(next)]);
    return next;
  }
  return {
    updateOn,
    async open(r) {
      await pool.query('INSERT INTO calls (call_sid, hotline, started_at, data) VALUES ($1, $2, $3, $4) ON CONFLICT (call_sid) DO NOTHING', [r.callSid, r.hotline, r.startedAt, JSON.stringify(r)]);
    },
    update: (callSid, change) => inTransaction(pool, (client) => updateOn(client, callSid, change)),
    async get(callSid) {
      const { rows } = await pool.query<{ data: unknown }>('SELECT data FROM calls WHERE call_sid = $1', [callSid]);
      return rows[0] ? parse(rows[0].data) : undefined;
    },
    async list(q) {
      const { rows } = await pool.query<{ data: unknown }>(
        `SELECT data FROM calls WHERE started_at >= $1 AND started_at < $2 AND ($3::text IS NULL OR hotline = $3)
         ORDER BY started_at DESC LIMIT $4`,
        [q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, q.hotline ?? null, q.limit],
      );
      return rows.map((r) => parse(r.data));
    },
    async ping() {
      await pool.query('SELECT 1');
    },
  };
}
