import { BARE_PATH, BENCH_AUTH_TOKEN, BENCH_PUBLIC_URL, type ServerStats, type Setup, type Subject } from './bench-setups';
import { BENCH_PATHS, TURNS_PER_CALL, TUTORIAL_PATHS } from './call-paths';
import { drive, type DriveResult, type DriveTarget } from './load-driver';
import { readCpuMs, readPeakRss } from './proc-stats';
import { startServerChild, type RunningServer, type ServerChild } from './server-child';
import { startTutorial } from './tutorial-app';

export type BenchOptions = {
  setups: readonly Setup[];
  /** Concurrent calls in the realistic run (default 200). */
  calls: number;
  /** Concurrent callers in the warm-up and the fast run (default 100, answering at once). */
  fastCalls: number;
  /** Seconds of the warm-up before each fast run (JIT, pools); not measured. */
  warmupSeconds: number;
  /** Seconds of the fast run (callers answer at once) and of each capacity step. */
  fastSeconds: number;
  /** Seconds of the realistic run (callers answer 1 s after each prompt). */
  realisticSeconds: number;
  /** Search the capacity at 3 s per answer (p99 ≤ 50 ms), with at most this many steps (0: skip). */
  capacitySteps: number;
  capacitySeconds: number;
  /** Passes over the servers, every other one in reverse (2: A B C C B A); see runOrder. */
  rounds: number;
  /** The tutorial app, installed (prepareTutorial): benchmarked as a baseline beside bare Express. */
  tutorialDir?: string;
  databaseUrl: string;
  redisUrl: string;
  /** Run this setup's server under --cpu-prof, writing the profile here. */
  profile?: { setup: Setup; dir: string };
  log: (line: string) => void;
};

export type PhaseRow = DriveResult & { callers: number; thinkMs: number };

/** One fast run of one server: its figures, what its process spent, and how long it took to start. */
export type FastRound = {
  row: PhaseRow;
  /** The server's CPU (user + system, from /proc) over the run, per turn answered in it. */
  cpuMsPerTurn: number;
  /** The server's peak RSS (VmHWM) at the end of the fast run, and at the end of its whole life. */
  peakRss: { fast: number; run: number };
  startupMs: number;
};

export type SetupReport = {
  setup: Subject;
  /** The fast run: the mean of the rounds (see meanOfRounds). */
  fast: PhaseRow;
  rounds: FastRound[];
  /** Total CPU over total turns, across the rounds. */
  cpuMsPerTurn: number;
  /** The highest peak RSS of any round, at the end of the fast run and of the server's life. */
  peakRss: { fast: number; run: number };
  /** The slowest start-up of the rounds. */
  startupMs: number;
  realistic?: PhaseRow;
  /** Memory after a full GC, idle and with every caller in a call. */
  memory?: { idle: ServerStats; busy: ServerStats; perCallBytes: number };
  sessionBytes?: ServerStats['sessionBytes'];
  /** The server's event-loop delay over the realistic run (after the memory sample). */
  loopDelay?: ServerStats['loopDelay'];
  capacity?: { calls: number; row: PhaseRow; steps: PhaseRow[] };
  failed?: string;
};

export const CAPACITY_P99_MS = 50;
export const REALISTIC_THINK_MS = 1000;
export const CAPACITY_THINK_MS = 3000;
/** Calls held at their first prompt while the heap is measured (more calls, less noise per call). */
export const MEMORY_CALLS = 1000;

const DRIVE: Record<Subject, { target: DriveTarget; paths: typeof BENCH_PATHS }> = {
  memory: { target: { kind: 'engine' }, paths: BENCH_PATHS },
  sqlite: { target: { kind: 'engine' }, paths: BENCH_PATHS },
  'redis-pg': { target: { kind: 'engine' }, paths: BENCH_PATHS },
  bare: { target: { kind: 'bare', path: BARE_PATH }, paths: BENCH_PATHS },
  tutorial: { target: { kind: 'tutorial' }, paths: TUTORIAL_PATHS },
};

async function phase(server: RunningServer, o: { subject: Subject; callers: number; thinkMs: number; seconds: number; rampMs?: number; probe?: { atMs: number; run: () => Promise<void> } }): Promise<PhaseRow> {
  const result = await drive({
    host: '127.0.0.1',
    port: server.port,
    publicUrl: BENCH_PUBLIC_URL,
    authToken: BENCH_AUTH_TOKEN,
    callers: o.callers,
    durationMs: o.seconds * 1000,
    thinkMs: o.thinkMs,
    ...DRIVE[o.subject],
    ...(o.probe ? { probe: o.probe } : {}),
    ...(o.rampMs !== undefined ? { rampMs: o.rampMs } : {}),
  });
  return { ...result, callers: o.callers, thinkMs: o.thinkMs };
}

/**
 * The order servers run in: the subjects forward, then backward, and so on for `rounds` passes
 * (2: A B C C B A). Each subject then sits as early on average as every other, so drift over the
 * run (another tenant's load, the machine warming) falls on all of them alike.
 */
export function runOrder<T>(subjects: readonly T[], rounds: number): T[] {
  return Array.from({ length: rounds }, (_, i) => (i % 2 === 0 ? [...subjects] : [...subjects].reverse())).flat();
}

/**
 * The rounds' fast runs as one row: the mean rate and the mean of each latency percentile (an
 * average of percentiles, not a percentile of all the turns), the turns and errors added up.
 */
export function meanOfRounds(rows: readonly PhaseRow[]): PhaseRow {
  const mean = (f: (r: PhaseRow) => number) => rows.reduce((n, r) => n + f(r), 0) / rows.length;
  const sum = (f: (r: PhaseRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    turns: sum((r) => r.turns),
    calls: sum((r) => r.calls),
    seconds: sum((r) => r.seconds),
    turnsPerSec: mean((r) => r.turnsPerSec),
    latency: { p50: mean((r) => r.latency.p50), p95: mean((r) => r.latency.p95), p99: mean((r) => r.latency.p99), max: Math.max(...rows.map((r) => r.latency.max)), mean: mean((r) => r.latency.mean) },
    errors: sum((r) => r.errors),
    errorSamples: rows.flatMap((r) => r.errorSamples).slice(0, 5),
    callers: rows[0].callers,
    thinkMs: rows[0].thinkMs,
  };
}

/** One subject's report from its rounds (the first round's report carries the realistic, memory and capacity figures). */
export function combineRounds(first: Omit<SetupReport, 'fast' | 'rounds' | 'cpuMsPerTurn' | 'peakRss' | 'startupMs'>, rounds: readonly FastRound[]): SetupReport {
  const turns = rounds.reduce((n, r) => n + r.row.turns, 0);
  const cpuMs = rounds.reduce((n, r) => n + r.cpuMsPerTurn * r.row.turns, 0);
  return {
    ...first,
    fast: meanOfRounds(rounds.map((r) => r.row)),
    rounds: [...rounds],
    cpuMsPerTurn: turns ? cpuMs / turns : 0,
    peakRss: { fast: Math.max(...rounds.map((r) => r.peakRss.fast)), run: Math.max(...rounds.map((r) => r.peakRss.run)) },
    startupMs: Math.max(...rounds.map((r) => r.startupMs)),
  };
}

/**
 * Heap per call in progress, measured apart from the timed runs (a forced GC would stall them):
 * `calls` callers ring and then hold at their first prompt, and the heap after a full GC is
 * compared with the heap just before they rang.
 */
async function memoryPerCall(server: ServerChild, setup: Setup, calls: number): Promise<NonNullable<SetupReport['memory']>> {
  const idle = await server.stats();
  let busy: ServerStats | undefined;
  await phase(server, { subject: setup, callers: calls, thinkMs: 8000, rampMs: 1000, seconds: 3.2, probe: { atMs: 3000, run: async () => void (busy = await server.stats()) } });
  return { idle, busy: busy!, perCallBytes: Math.max(0, busy!.heapUsed - idle.heapUsed) / calls };
}

const ok = (row: PhaseRow) => row.errors === 0 && row.latency.p99 <= CAPACITY_P99_MS;

/**
 * Finds how many concurrent calls answering every 3 s one server holds at p99 ≤ 50 ms: doubles
 * from `start` until a step fails (twice in a row), then halves the gap, `steps` steps in all.
 */
async function capacity(server: ServerChild, subject: Setup, o: BenchOptions, start: number): Promise<SetupReport['capacity']> {
  const steps: PhaseRow[] = [];
  let good: PhaseRow | undefined;
  let bad: number | undefined;
  let n = start;
  const attempt = async (callers: number) => {
    const row = await phase(server, { subject, callers, thinkMs: CAPACITY_THINK_MS, seconds: o.capacitySeconds });
    o.log(`    capacity ${callers} calls: ${row.turnsPerSec.toFixed(0)} turns/s, p99 ${row.latency.p99.toFixed(1)} ms, ${row.errors} errors ${ok(row) ? '✓' : '✗'}`);
    return row;
  };
  while (steps.length < o.capacitySteps) {
    // A step fails only if it fails twice: on a shared machine one p99 can be another tenant's doing.
    let row = await attempt(n);
    if (!ok(row)) row = await attempt(n);
    steps.push(row);
    if (ok(row) && (!good || n > good.callers)) good = row;
    else if (!ok(row)) bad = Math.min(bad ?? Infinity, n);
    const low = good?.callers ?? 0;
    const next = bad === undefined ? n * 2 : Math.round((low + bad) / 2 / 50) * 50;
    if (next <= low || next >= (bad ?? Infinity)) break;
    n = next;
  }
  return good ? { calls: good.callers, row: good, steps } : { calls: 0, row: steps[0], steps };
}

const fmtFast = (label: string, p: PhaseRow) =>
  `  ${label}: ${p.turnsPerSec.toFixed(0)} turns/s, p50 ${p.latency.p50.toFixed(1)} p99 ${p.latency.p99.toFixed(1)} ms, ${p.errors} errors${p.errorSamples.length ? `: ${p.errorSamples.join(' | ')}` : ''}`;

/** The realistic run, the memory sample and the capacity search: once per engine setup, on its first server. */
async function engineExtras(server: ServerChild, setup: Setup, fast: PhaseRow, o: BenchOptions): Promise<Pick<SetupReport, 'realistic' | 'sessionBytes' | 'loopDelay' | 'memory' | 'capacity'>> {
  await server.stats(); // a full GC now, so the realistic run starts clean
  const realistic = await phase(server, { subject: setup, callers: o.calls, thinkMs: REALISTIC_THINK_MS, seconds: o.realisticSeconds });
  o.log(fmtFast('realistic', realistic));
  const after = await server.stats();
  o.log(`  event-loop delay during the realistic run: p50 ${after.loopDelay.p50.toFixed(1)} p99 ${after.loopDelay.p99.toFixed(1)} max ${after.loopDelay.max.toFixed(1)} ms`);
  const memory = await memoryPerCall(server, setup, MEMORY_CALLS);
  o.log(`  memory: ${(memory.perCallBytes / 1024).toFixed(1)} KB of heap per call in progress (${MEMORY_CALLS} calls held)`);
  const extras: Awaited<ReturnType<typeof engineExtras>> = { realistic, sessionBytes: after.sessionBytes, loopDelay: after.loopDelay, memory };
  if (o.capacitySteps > 0) extras.capacity = await capacity(server, setup, o, Math.max(100, Math.round((fast.turnsPerSec * CAPACITY_THINK_MS) / 1000 / 4 / 50) * 50));
  return extras;
}

/**
 * Runs every setup, then the bare route and the tutorial app (when given), each in a fresh server
 * process, in runOrder: with 2 rounds every server runs twice, a warm-up and a fast run each time.
 */
export async function runBench(o: BenchOptions): Promise<SetupReport[]> {
  const subjects: Subject[] = [...o.setups, 'bare', ...(o.tutorialDir ? (['tutorial'] as const) : [])];
  const firsts = new Map<Subject, Omit<SetupReport, 'fast' | 'rounds' | 'cpuMsPerTurn' | 'peakRss' | 'startupMs'>>();
  const rounds = new Map<Subject, FastRound[]>();
  const failed = new Map<Subject, string>();
  const order = runOrder(subjects, o.rounds);
  for (const [visit, subject] of order.entries()) {
    if (failed.has(subject)) continue;
    const round = (rounds.get(subject)?.length ?? 0) + 1;
    o.log(`${subject}: starting the server (round ${round} of ${o.rounds}, ${visit + 1} of ${order.length})`);
    let server: RunningServer;
    try {
      server =
        subject === 'tutorial'
          ? await startTutorial(o.tutorialDir!)
          : await startServerChild(subject, { databaseUrl: o.databaseUrl, redisUrl: o.redisUrl, ...(o.profile?.setup === subject ? { profileDir: o.profile.dir } : {}) });
    } catch (err) {
      o.log(`${subject}: SKIPPED: ${(err as Error).message}`);
      failed.set(subject, (err as Error).message);
      continue;
    }
    try {
      o.log(`  ready in ${server.startupMs.toFixed(0)} ms`);
      await phase(server, { subject, callers: o.fastCalls, thinkMs: 0, seconds: o.warmupSeconds });
      const cpuBefore = readCpuMs(server.pid);
      const fast = await phase(server, { subject, callers: o.fastCalls, thinkMs: 0, seconds: o.fastSeconds });
      const cpuMsPerTurn = fast.turns ? (readCpuMs(server.pid) - cpuBefore) / fast.turns : 0;
      const peakFast = readPeakRss(server.pid);
      o.log(`${fmtFast('fast', fast)}; server CPU ${cpuMsPerTurn.toFixed(3)} ms per turn, peak RSS ${(peakFast / 2 ** 20).toFixed(0)} MB`);
      if (!firsts.has(subject)) {
        const extras = subject === 'bare' || subject === 'tutorial' ? {} : await engineExtras(server as ServerChild, subject, fast, o);
        firsts.set(subject, { setup: subject, ...extras });
      }
      const peakRun = readPeakRss(server.pid);
      rounds.set(subject, [...(rounds.get(subject) ?? []), { row: fast, cpuMsPerTurn, peakRss: { fast: peakFast, run: peakRun }, startupMs: server.startupMs }]);
    } finally {
      await server.close();
    }
  }
  return subjects.map((subject) => {
    const done = rounds.get(subject);
    if (!done?.length) return { setup: subject, failed: failed.get(subject) ?? 'no round finished' } as SetupReport;
    return combineRounds(firsts.get(subject)!, done);
  });
}

export { TURNS_PER_CALL };
