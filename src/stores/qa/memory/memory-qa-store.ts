import type { QaEntry } from '../../../quality/qa-review';
import type { QaStore } from '../qa-store';

/** Marks in memory: tests and a single development server. Readers get copies. */
export function memoryQaStore(): QaStore {
  const entries = new Map<string, QaEntry>();
  const copy = (e: QaEntry | undefined): QaEntry | undefined => e && { ...e, review: e.review && { ...e.review } };
  return {
    async mark(entry) {
      if (!entries.has(entry.callSid)) entries.set(entry.callSid, { ...entry, review: null });
    },
    get: async (callSid) => copy(entries.get(callSid)),
    async list(q) {
      return [...entries.values()]
        .filter((e) => q.reviewed === undefined || (e.review !== null) === q.reviewed)
        .sort((a, b) => b.markedAt - a.markedAt || (a.callSid < b.callSid ? 1 : -1))
        .slice(q.offset ?? 0, (q.offset ?? 0) + q.limit)
        .map((e) => copy(e)!);
    },
    async review(callSid, review) {
      const e = entries.get(callSid);
      if (!e) return undefined;
      const next = { ...e, review };
      entries.set(callSid, next);
      return copy(next);
    },
    async forgetCalls(callSids) {
      return callSids.filter((sid) => entries.delete(sid)).length;
    },
  };
}
