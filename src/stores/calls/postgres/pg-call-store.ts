import { inTransaction, type PgPool, type Queryable } from '../../postgres/open-postgres';
import { decodeCallRecord, decodeCallRecords, type CallRecord, type UndecodableRecordHandler } from '../call-record';
import type { CallRetentionStore } from '../call-retention';
import type { CallStore } from '../call-store';

/** A turn's update retries this often when other servers keep updating the same call first. */
const MAX_UPDATE_ATTEMPTS = 20;

export class CallUpdateContendedError extends Error {
  readonly code = 'CALL_UPDATE_CONTENDED';
}

/*
 * Named statements: PostgreSQL parses and plans each once per connection, not on every turn.
 */
const SELECT = { name: 'calls_select', text: 'SELECT data, version FROM calls WHERE call_sid = $1' };
const UPDATE_IF = { name: 'calls_update_if', text: 'UPDATE calls SET data = $2, version = version + 1 WHERE call_sid = $1 AND version = $3' };
const INSERT = { name: 'calls_insert', text: 'INSERT INTO calls (call_sid, hotline, started_at, data) VALUES ($1, $2, $3, $4) ON CONFLICT (call_sid) DO NOTHING' };

/**
 * Call records in PostgreSQL (table `calls`, migrations 0006 and 0009), one JSONB document per
 * call beside the columns the admin API filters on. The server writes turns through a pool with
 * synchronous_commit off (`turnWrites`): a database crash may lose the last fraction of a second of
 * turn entries, while closing a call (with its survey SMS) commits durably on `pool`. An update is a compare-and-set on the
 * record's version (re-read and re-applied when another server updated the call in between, so
 * `change` must be pure); `updateOn` instead joins a caller's transaction with a row lock, e.g.
 * closing the call together with its survey SMS.
 */
export function pgCallStore(
  pool: PgPool,
  opts: {
    /** Where a turn's open and update write (default `pool`): a pool whose commits need not wait for the disk. */
    turnWrites?: PgPool;
    /** Told about each record a listing leaves out because it does not decode. */
    onUndecodable?: UndecodableRecordHandler;
  } = {},
): CallStore & CallRetentionStore & { updateOn(client: Queryable, callSid: string, change: (r: CallRecord) => CallRecord): Promise<CallRecord | undefined> } {
  const writes = opts.turnWrites ?? pool;
  async function updateOn(client: Queryable, callSid: string, change: (r: CallRecord) => CallRecord) {
    const { rows } = await client.query<{ data: unknown }>('SELECT data FROM calls WHERE call_sid = $1 FOR UPDATE', [callSid]);
    if (!rows[0]) return undefined;
    const next = change(decodeCallRecord(callSid, rows[0].data));
    await client.query('UPDATE calls SET data = $2, version = version + 1 WHERE call_sid = $1', [callSid, JSON.stringify(next)]);
    return next;
  }
  return {
    updateOn,
    async open(r) {
      await writes.query({ ...INSERT, values: [r.callSid, r.hotline, r.startedAt, JSON.stringify(r)] });
    },
    async update(callSid, change) {
      for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
        const { rows } = await writes.query<{ data: unknown; version: number }>({ ...SELECT, values: [callSid] });
        if (!rows[0]) return undefined;
        const next = change(decodeCallRecord(callSid, rows[0].data));
        const { rowCount } = await writes.query({ ...UPDATE_IF, values: [callSid, JSON.stringify(next), rows[0].version] });
        if (rowCount === 1) return next;
      }
      throw new CallUpdateContendedError(`call ${callSid} changed under ${MAX_UPDATE_ATTEMPTS} updates in a row; something updates it in a loop`);
    },
    async get(callSid) {
      const { rows } = await pool.query<{ data: unknown }>({ ...SELECT, values: [callSid] });
      return rows[0] ? decodeCallRecord(callSid, rows[0].data) : undefined;
    },
    async list(q) {
      const { rows } = await pool.query<{ callSid: string; data: unknown }>(
        `SELECT call_sid AS "callSid", data FROM calls WHERE started_at >= $1 AND started_at < $2 AND ($3::text IS NULL OR hotline = $3)
         ORDER BY started_at DESC, call_sid DESC LIMIT $4 OFFSET $5`,
        [q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, q.hotline ?? null, q.limit, q.offset ?? 0],
      );
      return decodeCallRecords(rows, opts.onUndecodable);
    },
    async deleteCalls(callSids) {
      if (callSids.length === 0) return 0;
      return (await pool.query('DELETE FROM calls WHERE call_sid = ANY($1::text[])', [callSids])).rowCount ?? 0;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
  };
}
