/** The store setups the benchmark compares, and the bare route that is its ceiling. */
export const SETUPS = ['memory', 'sqlite', 'redis-pg'] as const;
export type Setup = (typeof SETUPS)[number];
/** What a bench run measures: the store setups and the baselines beside them. */
export type Subject = Setup | 'bare' | 'tutorial';

export const SETUP_TITLES: Record<Subject, string> = {
  memory: 'memory (DATABASE_URL=memory:)',
  sqlite: 'SQLite (default)',
  'redis-pg': 'Redis + PostgreSQL',
  bare: 'bare Express, fixed TwiML (ceiling)',
  tutorial: 'tutorial app (TwilioDevEd/ivr-phone-tree-node, baseline)',
};

export const BENCH_AUTH_TOKEN = 'bench-auth-token';
export const BENCH_PUBLIC_URL = 'http://bench.local';
export const BARE_PATH = '/twiml';

/** What the bench server reports when asked (after a full garbage collection). */
export type ServerStats = {
  heapUsed: number;
  rss: number;
  /** JSON bytes of the sessions stored so far: the largest and the mean. */
  sessionBytes: { max: number; mean: number; count: number };
  /** Event-loop delay since the previous stats (ms): how long turns waited behind other work. */
  loopDelay: { p50: number; p99: number; max: number };
};

export type ToServer = { type: 'stats' } | { type: 'close' };
export type FromServer = { type: 'ready'; port: number } | { type: 'stats'; stats: ServerStats } | { type: 'failed'; message: string };
