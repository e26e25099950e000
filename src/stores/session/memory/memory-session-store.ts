import type { Session } from '../session';
import type { SessionStore } from '../session-store';

/** Sessions in this process's memory: for tests and a single development server. */
export function memorySessionStore(): SessionStore {
  const sessions = new Map<string, string>();
  const read = (sid: string) => {
    const json = sessions.get(sid);
    return json === undefined ? undefined : (JSON.parse(json) as Session);
  };
  return {
    async get(callSid, now) {
      const s = read(callSid);
      return s && s.expiresAt > now ? s : undefined;
    },
    async insert(session) {
      const existing = read(session.callSid);
      if (existing && existing.expiresAt > session.updatedAt) return false;
      sessions.set(session.callSid, JSON.stringify(session));
      return true;
    },
    async save(session) {
      if (read(session.callSid)?.version !== session.version - 1) return false;
      sessions.set(session.callSid, JSON.stringify(session));
      return true;
    },
    async delete(callSid) {
      sessions.delete(callSid);
    },
    async deleteExpired(now) {
      let n = 0;
      for (const sid of [...sessions.keys()]) {
        if (read(sid)!.expiresAt <= now) {
          sessions.delete(sid);
          n++;
        }
      }
      return n;
    },
    async ping() {},
  };
}
