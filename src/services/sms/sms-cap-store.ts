/**
 * Counts SMS per bucket (a destination number and cap group, or the whole deployment) in sliding
 * windows, so caps hold across servers and restarts. Implementations: memory, SQLite, PostgreSQL.
 */

/** One count to respect: fewer than `limit` SMS of `bucket` in the last `windowMs`. */
export type CapCount = { bucket: string; limit: number; windowMs: number };

/** `again`: this key was counted before (a retried webhook, a duplicate delivery): admitted, not counted twice. */
export type CapTake = { taken: true; again?: true } | { taken: false; refusedBy: CapCount };

export interface SmsCapStore {
  /**
   * Atomically: when every count is below its limit at `now`, records one SMS in each bucket and
   * answers taken; otherwise records nothing and names the first count that is full. Two servers
   * taking a number's last slot at once: one gets it, the other is refused (PostgreSQL counts the
   * deployment-wide ceiling without a lock: see pgSmsCapStore). `key` is the SMS's: a key
   * already counted is admitted again without counting (the outbox sends it once anyway).
   */
  take(counts: readonly CapCount[], now: number, key: string): Promise<CapTake>;
}

/** The decision shared by the implementations (pure): `sentSince(bucket, since)` reads the store. */
export function firstFull(counts: readonly CapCount[], now: number, sentSince: (bucket: string, since: number) => number): CapCount | undefined {
  return counts.find((c) => c.limit <= 0 || sentSince(c.bucket, now - c.windowMs) >= c.limit);
}

/** Each bucket once, with the longest window asked of it: older entries can be forgotten. */
export function bucketsToRecord(counts: readonly CapCount[]): Map<string, number> {
  const longest = new Map<string, number>();
  for (const c of counts) longest.set(c.bucket, Math.max(longest.get(c.bucket) ?? 0, c.windowMs));
  return longest;
}

/** In this process only: for simulations and `memory:` servers. Rows as the SQL stores keep them. */
export function memorySmsCapStore(): SmsCapStore {
  let rows: { bucket: string; at: number; key: string; expiresAt: number }[] = [];
  return {
    async take(counts, now, key) {
      rows = rows.filter((r) => r.expiresAt > now);
      const since = now - Math.max(...counts.map((c) => c.windowMs));
      if (rows.some((r) => r.key === key && r.at > since)) return { taken: true, again: true };
      const full = firstFull(counts, now, (bucket, after) => rows.filter((r) => r.bucket === bucket && r.at > after).length);
      if (full) return { taken: false, refusedBy: full };
      for (const [bucket, windowMs] of bucketsToRecord(counts)) rows.push({ bucket, at: now, key, expiresAt: now + windowMs });
      return { taken: true };
    },
  };
}
