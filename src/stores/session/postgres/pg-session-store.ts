import type { PgPool } from '../../postgres/open-postgres';
import { SessionSchema, type Session } from '../session';
import type { SessionStore } from '../session-store';

/**
 * Sessions in PostgreSQL (table `call_sessions`, migration 0005), for deployments without Redis:
 * every server sees every call. The version column makes each save a compare-and-set.
 */
export function pgSessionStore(pool: PgPool): SessionStore {
  return {
    async get(callSid, now) {
      const { rows } = await pool.query<{ data: string }>({ name: 'sessions_get', text: 'SELECT data FROM call_sessions WHERE call_sid = $1 AND expires_at > $2', values: [callSid, now] });
      return rows[0] ? SessionSchema.parse(JSON.parse(rows[0].data)) : undefined;
    },
    async insert(s: Session) {
      const { rowCount } = await pool.query(
        `INSERT INTO call_sessions (call_sid, version, expires_at, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (call_sid) DO UPDATE SET version = excluded.version, expires_at = excluded.expires_at, data = excluded.data
         WHERE call_sessions.expires_at <= $5`,
        [s.callSid, s.version, s.expiresAt, JSON.stringify(s), s.updatedAt],
      );
      return rowCount === 1;
    },
    async save(s: Session) {
      const { rowCount } = await pool.query({
        name: 'sessions_save',
        text: 'UPDATE call_sessions SET version = $1, expires_at = $2, data = $3 WHERE call_sid = $4 AND version = $5',
        values: [s.version, s.expiresAt, JSON.stringify(s), s.callSid, s.version - 1],
      });
      return rowCount === 1;
    },
    async delete(callSid) {
      await pool.query('DELETE FROM call_sessions WHERE call_sid = $1', [callSid]);
    },
    async deleteExpired(now) {
      return (await pool.query('DELETE FROM call_sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
  };
}
