import type { SqliteDatabase } from '../../sqlite/open-sqlite';
import { soloWrites, type WriteGroup } from '../../sqlite/write-group';
import { SessionSchema, type Session } from '../session';
import type { SessionStore } from '../session-store';

/**
 * Sessions in SQLite: a restarted server (or a second one on the same file) continues the call.
 * The version column makes every save a compare-and-set. The table `call_sessions` is created by
 * migration 0005_call_sessions (run `migrateSqlite` first).
 */
export function sqliteSessionStore(db: SqliteDatabase, writes: WriteGroup = soloWrites(db)): SessionStore & { insertSync(s: Session): boolean; saveSync(s: Session): boolean } {
  const select = db.prepare<[string, number], { data: string }>('SELECT data FROM call_sessions WHERE call_sid = ? AND expires_at > ?');
  const insert = db.prepare<[string, number, number, string, number]>(
    `INSERT INTO call_sessions (call_sid, version, expires_at, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (call_sid) DO UPDATE SET version = excluded.version, expires_at = excluded.expires_at, data = excluded.data
     WHERE call_sessions.expires_at <= ?`,
  );
  const update = db.prepare<[number, number, string, string, number]>(
    'UPDATE call_sessions SET version = ?, expires_at = ?, data = ? WHERE call_sid = ? AND version = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM call_sessions WHERE call_sid = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM call_sessions WHERE expires_at <= ?');
  const ping = db.prepare('SELECT 1');
  // Sync forms join a caller's transaction (a turn's session and record together: sqlite-turn-store).
  const insertSync = (s: Session) => insert.run(s.callSid, s.version, s.expiresAt, JSON.stringify(s), s.updatedAt).changes === 1;
  const saveSync = (s: Session) => update.run(s.version, s.expiresAt, JSON.stringify(s), s.callSid, s.version - 1).changes === 1;
  return {
    insertSync,
    saveSync,
    async get(callSid, now) {
      const row = select.get(callSid, now);
      return row ? SessionSchema.parse(JSON.parse(row.data)) : undefined;
    },
    insert: (s) => writes.run(() => insertSync(s)),
    save: (s) => writes.run(() => saveSync(s)),
    async delete(callSid) {
      remove.run(callSid);
    },
    async deleteExpired(now) {
      return removeExpired.run(now).changes;
    },
    async ping() {
      ping.get();
    },
  };
}
