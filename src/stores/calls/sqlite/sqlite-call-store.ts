import type { SqliteDatabase } from '../../sqlite/open-sqlite';
import { CallRecordSchema, type CallRecord } from '../call-record';
import type { CallStore } from '../call-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS calls (
  call_sid   TEXT PRIMARY KEY,
  hotline    TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  data       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_started_at ON calls (started_at);
CREATE INDEX IF NOT EXISTS calls_hotline_started_at ON calls (hotline, started_at);
`;

/** Call records in SQLite, one JSON document per call with the columns the admin API filters on. */
export function sqliteCallStore(db: SqliteDatabase): CallStore {
  db.exec(SCHEMA);
  const insert = db.prepare<[string, string, number, string]>(
    'INSERT INTO calls (call_sid, hotline, started_at, data) VALUES (?, ?, ?, ?) ON CONFLICT (call_sid) DO NOTHING',
  );
  const select = db.prepare<[string], { data: string }>('SELECT data FROM calls WHERE call_sid = ?');
  const write = db.prepare<[string, string]>('UPDATE calls SET data = ? WHERE call_sid = ?');
  const list = db.prepare<[number, number, string | null, string | null, number], { data: string }>(
    `SELECT data FROM calls WHERE started_at >= ? AND started_at < ? AND (? IS NULL OR hotline = ?)
     ORDER BY started_at DESC LIMIT ?`,
  );
  const ping = db.prepare('SELECT 1');
  const parse = (data: string) => CallRecordSchema.parse(JSON.parse(data));
  const update = db.transaction((callSid: string, change: (r: CallRecord) => CallRecord) => {
    const row = select.get(callSid);
    if (!row) return undefined;
    const next = change(parse(row.data));
    write.run(JSON.stringify(next), callSid);
    return next;
  });
  return {
    async open(r) {
      insert.run(r.callSid, r.hotline, r.startedAt, JSON.stringify(r));
    },
    update: async (callSid, change) => update(callSid, change),
    async get(callSid) {
      const row = select.get(callSid);
      return row ? parse(row.data) : undefined;
    },
    async list(q) {
      const hotline = q.hotline ?? null;
      return list.all(q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, hotline, hotline, q.limit).map((r) => parse(r.data));
    },
    async ping() {
      ping.get();
    },
  };
}
