import type { Session } from '../session';
import type { SessionStore } from '../session-store';

type Stored = { version: number; expiresAt: number; json: string };

/**
 * Sessions in this process's memory: for tests and a single development server. Kept as JSON (a
 * reader gets its own copy, as from a database) beside the version and expiry the writes compare.
 */
export function memorySessionStore(): SessionStore {
  const sessions = new Map<string, Stored>();
  const store = (s: Session) => sessions.set(s.callSid, { version: s.version, expiresAt: s.expiresAt, json: JSON.stringify(s) });
  return {
    async get(callSid, now) {
      const s = sessions.get(callSid);
      return s && s.expiresAt > now ? (JSON.parse(s.json) as Session) : undefined;
    },
    async insert(session) {
      const existing = sessions.get(session.callSid);
      if (existing && existing.expiresAt > session.updatedAt) return false;
      store(session);
      return true;
    },
    async save(session) {
      if (sessions.get(session.callSid)?.version !== session.version - 1) return false;
      store(session);
      return true;
    },
    async delete(callSid) {
      sessions.delete(callSid);
    },
    async deleteExpired(now) {
      let n = 0;
      for (const [sid, s] of sessions) {
        if (s.expiresAt <= now) {
          sessions.delete(sid);
          n++;
        }
      }
      return n;
    },
    async ping() {},
  };
}
