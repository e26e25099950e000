/**
 * Counts SMS per bucket (a destination number and cap group, or the whole deployment) in sliding
 * windows, so caps hold across servers and restarts. Implementations: memory, SQLite, PostgreSQL.
 */

/** One count to respect: fewer than `limit` SMS of `bucket` in the last `windowMs`. */
export type CapCount = { bucket: string; limit: number; windowMs: number };

/** `again`: this key was counted before (a retried webhook, a duplicate delivery): admitted, not counted twice. */
export type CapTake = { taken: true; again?: true } | { taken: false; refusedBy: CapCount };

/** The deployment-wide bucket (see `capCountsFor`): counted in minute slots, not one row per SMS. */
export const GLOBAL_BUCKET = 'global';

/** The width of a slot of the global bucket. */
export const SLOT_MS = 60_000;

/**
 * Whether a bucket is counted in minute slots. The deployment-wide bucket holds every SMS of the
 * window (1,000,000 an hour at the ceiling's maximum), so counting it row by row made each SMS cost
 * as much as the hour's SMS; a number's bucket holds a handful and stays exact, one row per SMS.
 */
export const countedInSlots = (bucket: string): boolean => bucket === GLOBAL_BUCKET;

/** The slot (minutes since the epoch) an SMS at `at` is counted in. */
export const slotOf = (at: number): number => Math.floor(at / SLOT_MS);

/**
 * The first slot a window of `windowMs` ending at `now` counts: the one containing `now - windowMs`,
 * whole. So a slotted count includes up to a minute of SMS just older than the window: it refuses
 * up to a minute early, never lets more through than the limit.
 */
export const firstSlotOf = (now: number, windowMs: number): number => slotOf(now - windowMs);

export interface SmsCapStore {
  /**
   * Atomically: when every count is below its limit at `now`, records one SMS in each bucket and
   * answers taken; otherwise records nothing and names the first count that is full. Two servers
   * taking a number's last slot at once: one gets it, the other is refused (PostgreSQL counts the
   * deployment-wide ceiling without a lock: see pgSmsCapStore). `key` is the SMS's: a key
   * already counted in a number's bucket is admitted again without counting (the outbox sends it
   * once anyway). The global bucket counts whole minutes (see `firstSlotOf`).
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

type Send = { at: number; expiresAt: number };

/**
 * In this process only: for simulations and `memory:` servers. Counted as the SQL stores count:
 * a number's bucket exact (its sends, dropped once expired as the bucket is read), the global one
 * in minute slots. A take costs the rows of the buckets it counts, not every SMS kept: what expires
 * in buckets nobody reads again is found through a queue in the order things were recorded.
 */
export function memorySmsCapStore(): SmsCapStore & { size(): { sends: number; slots: number; keys: number } } {
  const sends = new Map<string, Send[]>();
  const slots = new Map<string, Map<number, number>>();
  const keys = new Map<string, Send>();
  // What each take recorded, oldest first. Expiries follow recording order while windows stay the
  // same; an entry with a longer window holds back the ones behind it, which then go a little later.
  let queue: { expiresAt: number; key: string; buckets: string[] }[] = [];
  let head = 0;

  const liveSends = (bucket: string, now: number): Send[] => {
    const all = sends.get(bucket);
    if (!all) return [];
    const live = all.filter((s) => s.expiresAt > now);
    if (live.length === 0) sends.delete(bucket);
    else if (live.length < all.length) sends.set(bucket, live);
    return live;
  };
  /** The bucket's slots from `first` on (the first minute of its longest window in this take); older ones are dropped. */
  const liveSlots = (bucket: string, first: number): Map<number, number> => {
    const mine = slots.get(bucket) ?? new Map<number, number>();
    for (const minute of mine.keys()) if (minute < first) mine.delete(minute);
    slots.set(bucket, mine);
    return mine;
  };
  const forgetExpired = (now: number) => {
    while (head < queue.length && queue[head].expiresAt <= now) {
      const { key, buckets } = queue[head++];
      for (const bucket of buckets) liveSends(bucket, now);
      if ((keys.get(key)?.expiresAt ?? Infinity) <= now) keys.delete(key);
    }
    if (head > 1024 && head * 2 > queue.length) [queue, head] = [queue.slice(head), 0];
  };

  return {
    size: () => ({
      sends: [...sends.values()].reduce((n, rows) => n + rows.length, 0),
      slots: [...slots.values()].reduce((n, m) => n + m.size, 0),
      keys: keys.size,
    }),
    async take(counts, now, key) {
      forgetExpired(now);
      const record = bucketsToRecord(counts);
      const since = now - Math.max(...counts.map((c) => c.windowMs));
      const seen = keys.get(key);
      if (seen && seen.at > since) return { taken: true, again: true };
      // Expired slots go by the bucket's longest window in this take, as in the SQL stores.
      for (const [bucket, windowMs] of record) if (countedInSlots(bucket)) liveSlots(bucket, firstSlotOf(now, windowMs));
      const full = firstFull(counts, now, (bucket, after) => {
        if (!countedInSlots(bucket)) return liveSends(bucket, now).filter((s) => s.at > after).length;
        let n = 0;
        for (const [minute, count] of slots.get(bucket) ?? []) if (minute >= slotOf(after)) n += count;
        return n;
      });
      if (full) return { taken: false, refusedBy: full };
      let expiresAt = now;
      for (const [bucket, windowMs] of record) {
        expiresAt = Math.max(expiresAt, now + windowMs);
        if (countedInSlots(bucket)) {
          const mine = liveSlots(bucket, firstSlotOf(now, windowMs));
          mine.set(slotOf(now), (mine.get(slotOf(now)) ?? 0) + 1);
        } else {
          const live = liveSends(bucket, now);
          live.push({ at: now, expiresAt: now + windowMs });
          sends.set(bucket, live);
        }
      }
      keys.set(key, { at: now, expiresAt });
      queue.push({ expiresAt, key, buckets: [...record.keys()].filter((b) => !countedInSlots(b)) });
      return { taken: true };
    },
  };
}
