/** A seeded generator (mulberry32): the same seed makes the same sequence, for data a run can reproduce. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    /** In [0, 1). */
    next,
    /** An integer in [min, max]. */
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)],
    /** An item with probability proportional to its weight. */
    weighted: <T>(items: ReadonlyArray<readonly [T, number]>): T => {
      let r = next() * items.reduce((s, [, w]) => s + w, 0);
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1][0];
    },
  };
}
export type SeededRandom = ReturnType<typeof seededRandom>;
