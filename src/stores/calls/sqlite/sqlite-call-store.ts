import type { SqliteDatabase } from '../../sqlite/open-sqlite';
import { decodeCallRecord, decodeCallRecords, type CallRecord, type UndecodableRecordHandler } from '../call-record';
import type { CallRetentionStore } from '../call-retention';
import type { CallStore } from '../call-store';

/**
 * Call records in SQLite (table `calls`, created by migration 0006_calls), one JSON document per
 * call with the columns the admin API filters on. `openSync` and `updateSync` join a caller's own
 * transaction, e.g. closing the call together with its survey SMS.
 */
export function sqliteCallStore(
  db: SqliteDatabase,
  opts: { /** Told about each record a listing leaves out because it does not decode. */ onUndecodable?: UndecodableRecordHandler } = {},
): CallStore & CallRetentionStore & { openSync(r: CallRecord): void; updateSync(callSid: string, change: (r: CallRecord) => CallRecord): CallRecord | undefined } {
  const insert = db.prepare<[string, string, number, string]>(
    'INSERT INTO calls (call_sid, hotline, started_at, data) VALUES (?, ?, ?, ?) ON CONFLICT (call_sid) DO NOTHING',
  );
  const select = db.prepare<[string], { data: string }>('SELECT data FROM calls WHERE call_sid = ?');
  const write = db.prepare<[string, string]>('UPDATE calls SET data = ? WHERE call_sid = ?');
  const list = db.prepare<[number, number, string | null, string | null, number, number], { callSid: string; data: string }>(
    `SELECT call_sid AS callSid, data FROM calls WHERE started_at >= ? AND started_at < ? AND (? IS NULL OR hotline = ?)
     ORDER BY started_at DESC, call_sid DESC LIMIT ? OFFSET ?`,
  );
  const ping = db.prepare('SELECT 1');
  const remove = db.prepare<[string]>('DELETE FROM calls WHERE call_sid = ?');
  const removeAll = db.transaction((sids: readonly string[]) => sids.reduce((n, sid) => n + remove.run(sid).changes, 0));
  const parse = (callSid: string, data: string) => decodeCallRecord(callSid, JSON.parse(data));
  const openSync = (r: CallRecord) => void insert.run(r.callSid, r.hotline, r.startedAt, JSON.stringify(r));
  const update = db.transaction((callSid: string, change: (r: CallRecord) => CallRecord) => {
    const row = select.get(callSid);
    if (!row) return undefined;
    const next = change(parse(callSid, row.data));
    write.run(JSON.stringify(next), callSid);
    return next;
  });
  return {
    updateSync: (callSid, change) => update(callSid, change),
    openSync,
    open: async (r) => openSync(r),
    // IMMEDIATE: take the write lock before reading, so two processes cannot both read the old record.
    update: async (callSid, change) => update.immediate(callSid, change),
    async get(callSid) {
      const row = select.get(callSid);
      return row ? parse(callSid, row.data) : undefined;
    },
    async list(q) {
      const hotline = q.hotline ?? null;
      const rows = list.all(q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, hotline, hotline, q.limit, q.offset ?? 0).map((r) => ({ callSid: r.callSid, data: JSON.parse(r.data) as unknown }));
      return decodeCallRecords(rows, opts.onUndecodable);
    },
    async ping() {
      ping.get();
    },
    deleteCalls: async (callSids) => removeAll(callSids),
  };
}
