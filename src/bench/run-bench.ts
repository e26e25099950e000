import { BARE_PATH, BENCH_AUTH_TOKEN, BENCH_PUBLIC_URL, type ServerStats, type Setup } from './bench-setups';
import { BENCH_PATHS, TURNS_PER_CALL } from './call-paths';
import { drive, type DriveResult } from './load-driver';
import { startServerChild, type ServerChild } from './server-child';

export type BenchOptions = {
  setups: readonly Setup[];
  /** Concurrent calls in the fast and realistic runs (default 200). */
  calls: number;
  /** Seconds of the fast run (callers answer at once) and of each capacity step. */
  fastSeconds: number;
  /** Seconds of the realistic run (callers answer 1 s after each prompt). */
  realisticSeconds: number;
  /** Search the capacity at 3 s per answer (p99 ≤ 50 ms), with at most this many steps (0: skip). */
  capacitySteps: number;
  capacitySeconds: number;
  databaseUrl: string;
  redisUrl: string;
  /** Run this setup's server under --cpu-prof, writing the profile here. */
  profile?: { setup: Setup; dir: string };
  log: (line: string) => void;
};

export type PhaseRow = DriveResult & { callers: number; thinkMs: number };
export type SetupReport = {
  setup: Setup | 'bare';
  fast: PhaseRow;
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

async function phase(server: ServerChild, o: { callers: number; thinkMs: number; seconds: number; rampMs?: number; bare?: boolean; probe?: { atMs: number; run: () => Promise<void> } }): Promise<PhaseRow> {
  const result = await drive({
    host: '127.0.0.1',
    port: server.port,
    publicUrl: BENCH_PUBLIC_URL,
    authToken: BENCH_AUTH_TOKEN,
    callers: o.callers,
    durationMs: o.seconds * 1000,
    thinkMs: o.thinkMs,
    paths: BENCH_PATHS,
    ...(o.bare ? { barePath: BARE_PATH } : {}),
    ...(o.probe ? { probe: o.probe } : {}),
    ...(o.rampMs !== undefined ? { rampMs: o.rampMs } : {}),
  });
  return { ...result, callers: o.callers, thinkMs: o.thinkMs };
}

/**
 * Heap per call in progress, measured apart from the timed runs (a forced GC would stall them):
 * `calls` callers ring and then hold at their first prompt, and the heap after a full GC is
 * compared with the heap just before they rang.
 */
async function memoryPerCall(server: ServerChild, calls: number): Promise<NonNullable<SetupReport['memory']>> {
  const idle = await server.stats();
  let busy: ServerStats | undefined;
  await phase(server, { callers: calls, thinkMs: 8000, rampMs: 1000, seconds: 3.2, probe: { atMs: 3000, run: async () => void (busy = await server.stats()) } });
  return { idle, busy: busy!, perCallBytes: Math.max(0, busy!.heapUsed - idle.heapUsed) / calls };
}

const ok = (row: PhaseRow) => row.errors === 0 && row.latency.p99 <= CAPACITY_P99_MS;

/**
 * Finds how many concurrent calls answering every 3 s one server holds at p99 ≤ 50 ms: doubles
 * from `start` until a step fails (twice in a row), then halves the gap, `steps` steps in all.
 */
async function capacity(server: ServerChild, o: BenchOptions, start: number): Promise<SetupReport['capacity']> {
  const steps: PhaseRow[] = [];
  let good: PhaseRow | undefined;
  let bad: number | undefined;
  let n = start;
  const attempt = async (callers: number) => {
    const row = await phase(server, { callers, thinkMs: CAPACITY_THINK_MS, seconds: o.capacitySeconds });
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

/** Runs every setup, then the bare route, each in a fresh server process. */
export async function runBench(o: BenchOptions): Promise<SetupReport[]> {
  const reports: SetupReport[] = [];
  for (const setup of [...o.setups, 'bare' as const]) {
    o.log(`${setup}: starting the server`);
    let server: ServerChild;
    try {
      server = await startServerChild(setup, { databaseUrl: o.databaseUrl, redisUrl: o.redisUrl, ...(o.profile?.setup === setup ? { profileDir: o.profile.dir } : {}) });
    } catch (err) {
      o.log(`${setup}: SKIPPED: ${(err as Error).message}`);
      reports.push({ setup, failed: (err as Error).message } as SetupReport);
      continue;
    }
    try {
      const bare = setup === 'bare';
      await phase(server, { callers: o.calls, thinkMs: 0, seconds: Math.min(3, o.fastSeconds), bare }); // warm-up: JIT, pools
      const fast = await phase(server, { callers: o.calls, thinkMs: 0, seconds: o.fastSeconds, bare });
      o.log(`  fast: ${fast.turnsPerSec.toFixed(0)} turns/s, p50 ${fast.latency.p50.toFixed(1)} p99 ${fast.latency.p99.toFixed(1)} ms, ${fast.errors} errors${fast.errorSamples.length ? `: ${fast.errorSamples.join(' | ')}` : ''}`);
      const report: SetupReport = { setup, fast };
      if (!bare) {
        await server.stats(); // a full GC now, so the realistic run starts clean
        const realistic = await phase(server, { callers: o.calls, thinkMs: REALISTIC_THINK_MS, seconds: o.realisticSeconds });
        o.log(`  realistic: ${realistic.turnsPerSec.toFixed(0)} turns/s, p50 ${realistic.latency.p50.toFixed(1)} p99 ${realistic.latency.p99.toFixed(1)} ms, ${realistic.errors} errors${realistic.errorSamples.length ? `: ${realistic.errorSamples.join(' | ')}` : ''}`);
        report.realistic = realistic;
        const after = await server.stats();
        report.sessionBytes = after.sessionBytes;
        report.loopDelay = after.loopDelay;
        o.log(`  event-loop delay during the realistic run: p50 ${after.loopDelay.p50.toFixed(1)} p99 ${after.loopDelay.p99.toFixed(1)} max ${after.loopDelay.max.toFixed(1)} ms`);
        report.memory = await memoryPerCall(server, MEMORY_CALLS);
        o.log(`  memory: ${(report.memory.perCallBytes / 1024).toFixed(1)} KB of heap per call in progress (${MEMORY_CALLS} calls held)`);
        if (o.capacitySteps > 0) report.capacity = await capacity(server, o, Math.max(100, Math.round((fast.turnsPerSec * CAPACITY_THINK_MS) / 1000 / 4 / 50) * 50));
      }
      reports.push(report);
    } finally {
      await server.close();
    }
  }
  return reports;
}

export { TURNS_PER_CALL };
