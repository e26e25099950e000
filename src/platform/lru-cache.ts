/**
 * A bounded memo: values kept by key, the least recently used dropped once there are more than
 * `maxEntries`. A Map keeps insertion order, so a hit is re-inserted to become the newest.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`LruCache: maxEntries must be a whole number of at least 1, not ${maxEntries}`);
  }

  /** The value kept for `key`, or `make()`'s, kept from now on. */
  getOrAdd(key: K, make: () => V): V {
    if (this.entries.has(key)) {
      const known = this.entries.get(key)!;
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const made = make();
    this.entries.set(key, made);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}
