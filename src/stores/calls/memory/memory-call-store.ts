import type { CallRecord } from '../call-record';
import type { CallRetentionStore } from '../call-retention';
import type { CallStore } from '../call-store';

/**
 * Call records in memory: for tests and a single development server. Kept as JSON beside the
 * columns queries filter on, so every reader and every change gets its own copy (one parse and
 * one stringify per update, cheaper than the two structured clones it used to take).
 */
export function memoryCallStore(): CallStore & CallRetentionStore {
  const calls = new Map<string, { startedAt: number; hotline: string; json: string }>();
  const keep = (r: CallRecord) => calls.set(r.callSid, { startedAt: r.startedAt, hotline: r.hotline, json: JSON.stringify(r) });
  const read = (callSid: string): CallRecord | undefined => {
    const row = calls.get(callSid);
    return row && (JSON.parse(row.json) as CallRecord);
  };
  return {
    async open(record) {
      if (!calls.has(record.callSid)) keep(record);
    },
    async update(callSid, change) {
      const current = read(callSid);
      if (!current) return undefined;
      const next = change(current);
      keep(next);
      return next;
    },
    get: async (callSid) => read(callSid),
    async list(q) {
      return [...calls.values()]
        .filter((c) => (q.from === undefined || c.startedAt >= q.from) && (q.to === undefined || c.startedAt < q.to) && (!q.hotline || c.hotline === q.hotline))
        .sort((a, b) => b.startedAt - a.startedAt)
        .slice(q.offset ?? 0, (q.offset ?? 0) + q.limit)
        .map((c) => JSON.parse(c.json) as CallRecord);
    },
    async ping() {},
    async deleteCalls(callSids) {
      return callSids.filter((sid) => calls.delete(sid)).length;
    },
  };
}
