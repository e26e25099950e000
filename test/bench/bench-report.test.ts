import { checkTargets, ratioCheck, renderReport } from '../../src/bench/bench-report';
import type { Subject } from '../../src/bench/bench-setups';
import { combineRounds, meanOfRounds, runOrder, type FastRound, type PhaseRow, type SetupReport } from '../../src/bench/run-bench';

const MB = 2 ** 20;

function fast(turnsPerSec: number, over: Partial<PhaseRow> = {}): PhaseRow {
  return { turns: turnsPerSec * 15, calls: turnsPerSec * 4, seconds: 15, turnsPerSec, latency: { p50: 10, p95: 20, p99: 30, max: 40, mean: 12 }, errors: 0, errorSamples: [], callers: 100, thinkMs: 0, ...over };
}

function report(setup: Subject, turnsPerSec: number, over: Partial<SetupReport> = {}): SetupReport {
  const round: FastRound = { row: fast(turnsPerSec), cpuMsPerTurn: 0.5, peakRss: { fast: 120 * MB, run: 150 * MB }, startupMs: 400 };
  return { ...combineRounds({ setup }, [round]), ...over };
}

const OPTS = { calls: 200, fastCalls: 100, warmupSeconds: 8, fastSeconds: 15, realisticSeconds: 30, capacitySeconds: 15, rounds: 2, now: new Date('2026-12-06T05:00:00Z') };

describe('the order the servers run in', () => {
  it('goes forward, then back, so each setup is as early on average as the others (A B C C B A)', () => {
    expect(runOrder(['A', 'B', 'C'], 2)).toEqual(['A', 'B', 'C', 'C', 'B', 'A']);
    expect(runOrder(['A', 'B', 'C'], 1)).toEqual(['A', 'B', 'C']);
    expect(runOrder(['A', 'B'], 3)).toEqual(['A', 'B', 'B', 'A', 'A', 'B']);
  });
});

describe('two rounds of one setup made into one row', () => {
  it('averages the rates and each percentile, and adds up the turns and errors', () => {
    const row = meanOfRounds([fast(1000, { errors: 1, errorSamples: ['x'] }), fast(1400, { latency: { p50: 20, p95: 40, p99: 50, max: 90, mean: 22 } })]);
    expect(row.turnsPerSec).toBe(1200);
    expect(row.latency).toEqual({ p50: 15, p95: 30, p99: 40, max: 90, mean: 17 });
    expect(row.turns).toBe(1000 * 15 + 1400 * 15);
    expect(row.errors).toBe(1);
    expect(row.errorSamples).toEqual(['x']);
  });

  it('weighs CPU per turn by each round’s turns, keeps the highest RSS and the slowest start-up', () => {
    const r = combineRounds({ setup: 'sqlite' }, [
      { row: fast(100, { turns: 1000 }), cpuMsPerTurn: 1, peakRss: { fast: 100 * MB, run: 180 * MB }, startupMs: 700 },
      { row: fast(300, { turns: 3000 }), cpuMsPerTurn: 0.5, peakRss: { fast: 130 * MB, run: 140 * MB }, startupMs: 900 },
    ]);
    expect(r.cpuMsPerTurn).toBeCloseTo((1000 * 1 + 3000 * 0.5) / 4000);
    expect(r.peakRss).toEqual({ fast: 130 * MB, run: 180 * MB });
    expect(r.startupMs).toBe(900);
  });
});

describe('the targets of a run', () => {
  it('puts SQLite beside the tutorial app and the bare ceiling, memory and Redis + PostgreSQL beside the ceiling', () => {
    const checks = checkTargets([report('memory', 3000), report('sqlite', 2500), report('redis-pg', 1200), report('bare', 5000), report('tutorial', 2000)]);
    const met = Object.fromEntries(checks.map((c) => [c.target, [c.measured, c.met]]));
    expect(met['SQLite (default): fast turns/s ≥ 1.00× the tutorial app']).toEqual(['1.25× (2500 of 2000 turns/s)', true]);
    expect(met['SQLite (default): fast turns/s ≥ 0.45× the bare-Express ceiling']).toEqual(['0.50× (2500 of 5000 turns/s)', true]);
    expect(met['memory (DATABASE_URL=memory:): fast turns/s ≥ 0.55× the bare-Express ceiling']).toEqual(['0.60× (3000 of 5000 turns/s)', true]);
    expect(met['Redis + PostgreSQL: fast turns/s ≥ 0.30× the bare-Express ceiling']).toEqual(['0.24× (1200 of 5000 turns/s)', false]);
  });

  it('says the tutorial comparison was not measured when the app was not given, and how to add it', () => {
    const check = ratioCheck([report('sqlite', 2500), report('bare', 5000)], 'sqlite', 'tutorial', 1);
    expect(check).toEqual({ target: 'SQLite (default): fast turns/s ≥ 1.00× the tutorial app', measured: 'not measured: the tutorial app was not run (add --tutorial <dir>)', met: null });
  });

  it('fails peak RSS over 200 MB and a start-up over 1 s, naming each engine setup’s figure', () => {
    const checks = checkTargets([report('memory', 3000, { peakRss: { fast: 150 * MB, run: 900 * MB }, startupMs: 1200 }), report('sqlite', 2500, { peakRss: { fast: 150 * MB, run: 230 * MB } }), report('bare', 5000, { peakRss: { fast: 900 * MB, run: 900 * MB } })]);
    const rss = checks.find((c) => c.target.startsWith('peak RSS'))!;
    // The memory store keeps every call of the run in its heap: its footprint is not a deployment's.
    expect(rss).toMatchObject({ measured: 'sqlite 230 MB', met: false });
    const startup = checks.find((c) => c.target.startsWith('start-up'))!;
    expect(startup).toMatchObject({ measured: 'memory 1200 ms, sqlite 400 ms', met: false });
  });

  it('asks SQLite for 15 ms at p99 under realistic load and 2,500 calls of capacity', () => {
    const row = fast(265, { callers: 200, thinkMs: 1000, latency: { p50: 3, p95: 9, p99: 16.2, max: 30, mean: 4 } });
    const checks = checkTargets([report('sqlite', 2500, { realistic: row, capacity: { calls: 2400, row, steps: [row] } }), report('bare', 5000)]);
    expect(checks.find((c) => c.target.startsWith('SQLite, 200 calls'))).toMatchObject({ target: 'SQLite, 200 calls answering after 1 s: p99 ≤ 15 ms', met: false });
    expect(checks.find((c) => c.target.includes('concurrent calls'))).toMatchObject({ target: 'SQLite (default): concurrent calls at p99 ≤ 50 ms, answering every 3 s ≥ 2,500', measured: '2400 calls (p99 16.2 ms)', met: false });
  });
});

describe('the results table', () => {
  it('shows CPU per turn, peak RSS and start-up for every row, the tutorial app as a baseline', () => {
    const text = renderReport([report('sqlite', 2500), report('bare', 5000), report('tutorial', 2000, { cpuMsPerTurn: 0.304, peakRss: { fast: 155 * MB, run: 155 * MB }, startupMs: 369 })], OPTS);
    expect(text).toContain('| setup | fast turns/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/turn | peak RSS MB (fast / whole run) | start-up ms |');
    expect(text).toContain('| tutorial app (TwilioDevEd/ivr-phone-tree-node, baseline) | 2000 | 10.0 | 20.0 | 30.0 | 0 | 0.304 | 155 / 155 | 369 |');
    expect(text).toContain('A B C C B A (2 rounds');
    expect(text).toContain('| SQLite (default): fast turns/s ≥ 1.00× the tutorial app | 1.25× (2500 of 2000 turns/s) | yes |');
  });

  it('marks a target the run could not measure as such, not as missed', () => {
    const text = renderReport([report('sqlite', 2500), report('bare', 5000)], { ...OPTS, rounds: 1 });
    expect(text).toContain('| not measured: the tutorial app was not run (add --tutorial <dir>) | not measured |');
    expect(text).not.toContain('tutorial app (TwilioDevEd');
    expect(text).not.toContain('C B A');
  });
});
