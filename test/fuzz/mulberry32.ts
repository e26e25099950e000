/**
 * mulberry32: a tiny, fast, well-known 32-bit seeded PRNG (Tommy Ettinger's constants). The same
 * seed replays the same calls, so a fuzz failure is reproduced by its seed and call number.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof randomHelpers>;

export function randomHelpers(next: () => number) {
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)],
    keys: (alphabet: string, length: number) => Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
    /** Picks by weight: `[[3, 'a'], [1, 'b']]` gives 'a' three times as often. */
    weighted: <T>(table: readonly (readonly [number, T])[]): T => {
      let r = next() * table.reduce((s, [w]) => s + w, 0);
      for (const [w, v] of table) if ((r -= w) < 0) return v;
      return table[table.length - 1][1];
    },
  };
}
