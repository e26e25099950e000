/** Latencies of turns, in milliseconds: a growable buffer summarised by percentiles. */
export class Latencies {
  private values = new Float64Array(1 << 16);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.n).sort();
    const at = (q: number) => (this.n === 0 ? 0 : sorted[Math.min(this.n - 1, Math.ceil(q * this.n) - 1)]);
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += sorted[i];
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: this.n ? sorted[this.n - 1] : 0, mean: this.n ? sum / this.n : 0 };
  }
}

export type LatencySummary = { p50: number; p95: number; p99: number; max: number; mean: number };
