import type { CallRecord } from '../call-record';
import type { CallRetentionStore } from '../call-retention';
import type { CallStore } from '../call-store';

/** Call records in memory: for tests and a single development server. */
export function memoryCallStore(): CallStore & CallRetentionStore {
  const calls = new Map<string, CallRecord>();
  const copy = (r: CallRecord | undefined) => (r ? structuredClone(r) : undefined);
  return {
    async open(record) {
      if (!calls.has(record.callSid)) calls.set(record.callSid, structuredClone(record));
    },
    async update(callSid, change) {
      const current = calls.get(callSid);
      if (!current) return undefined;
      const next = change(structuredClone(current));
      calls.set(callSid, structuredClone(next));
      return next;
    },
    get: async (callSid) => copy(calls.get(callSid)),
    async list(q) {
      return [...calls.values()]
        .filter((c) => (q.from === undefined || c.startedAt >= q.from) && (q.to === undefined || c.startedAt < q.to) && (!q.hotline || c.hotline === q.hotline))
        .sort((a, b) => b.startedAt - a.startedAt)
        .slice(0, q.limit)
        .map((c) => structuredClone(c));
    },
    async ping() {},
    async deleteCalls(callSids) {
      return callSids.filter((sid) => calls.delete(sid)).length;
    },
  };
}
