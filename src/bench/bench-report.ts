import { cpus, totalmem, type as osType, release } from 'node:os';
import { SETUP_TITLES, SETUPS, type Subject } from './bench-setups';
import { BENCH_PATHS, TURNS_PER_CALL, TUTORIAL_PATHS, TUTORIAL_TURNS_PER_CALL } from './call-paths';
import { CAPACITY_P99_MS, CAPACITY_THINK_MS, MEMORY_CALLS, REALISTIC_THINK_MS, type PhaseRow, type SetupReport } from './run-bench';

/** The targets of the baseline issue (and the earlier scale-out one), checked against a run. */
export const TARGETS = {
  /** Fast-run turns/s, as a share of a baseline's. */
  sqliteOverTutorial: 1.0,
  sqliteOverBare: 0.45,
  memoryOverBare: 0.55,
  redisPgOverBare: 0.3,
  peakRssBytes: 200 * 2 ** 20,
  startupMs: 1000,
  realisticP99Ms: 15,
  sqliteCapacityCalls: 2500,
  capacityP99Ms: CAPACITY_P99_MS,
  sessionBytes: 4096,
} as const;

const ENGINE: readonly Subject[] = SETUPS;

const ms = (n: number) => n.toFixed(1);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function machine(now = new Date()): string {
  const cpu = cpus();
  return `${cpu.length} CPU (\`nproc\` ${cpu.length}, ${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${osType()} ${release()}, Node ${process.version}; run ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `met` is null when the run did not measure it (a setup or the tutorial app not run). */
export type TargetCheck = { target: string; measured: string; met: boolean | null };

/** One setup's fast-run rate over a baseline's, against the share the issue asks for. */
export function ratioCheck(reports: readonly SetupReport[], setup: Subject, baseline: Subject, target: number): TargetCheck {
  const by = (s: Subject) => reports.find((r) => r.setup === s && !r.failed);
  const a = by(setup);
  const b = by(baseline);
  const label = `${SETUP_TITLES[setup]}: fast turns/s ≥ ${target.toFixed(2)}× the ${baseline === 'tutorial' ? 'tutorial app' : 'bare-Express ceiling'}`;
  if (!a || !b) {
    const missing = !b && baseline === 'tutorial' ? 'the tutorial app was not run (add --tutorial <dir>)' : `${!a ? setup : baseline} was not run`;
    return { target: label, measured: `not measured: ${missing}`, met: null };
  }
  const ratio = a.fast.turnsPerSec / b.fast.turnsPerSec;
  return { target: label, measured: `${ratio.toFixed(2)}× (${a.fast.turnsPerSec.toFixed(0)} of ${b.fast.turnsPerSec.toFixed(0)} turns/s)`, met: ratio >= target };
}

export function checkTargets(reports: readonly SetupReport[]): TargetCheck[] {
  const ran = reports.filter((r) => !r.failed);
  const by = (s: Subject) => ran.find((r) => r.setup === s);
  const checks: TargetCheck[] = [];
  if (by('sqlite')) checks.push(ratioCheck(reports, 'sqlite', 'tutorial', TARGETS.sqliteOverTutorial), ratioCheck(reports, 'sqlite', 'bare', TARGETS.sqliteOverBare));
  if (by('memory')) checks.push(ratioCheck(reports, 'memory', 'bare', TARGETS.memoryOverBare));
  if (by('redis-pg')) checks.push(ratioCheck(reports, 'redis-pg', 'bare', TARGETS.redisPgOverBare));
  const engine = ran.filter((r) => ENGINE.includes(r.setup));
  if (engine.length) {
    const list = (f: (r: SetupReport) => string) => engine.map((r) => `${r.setup} ${f(r)}`).join(', ');
    // The memory store keeps every call record of the run in its heap by design: not a deployment's footprint.
    const persisted = engine.filter((r) => r.setup !== 'memory');
    if (persisted.length) {
      const rss = Math.max(...persisted.map((r) => r.peakRss.run));
      const measured = persisted.map((r) => `${r.setup} ${mb(r.peakRss.run)} MB`).join(', ');
      checks.push({ target: `peak RSS under load ≤ ${mb(TARGETS.peakRssBytes)} MB (SQLite, Redis + PostgreSQL: each server over its whole run)`, measured, met: rss <= TARGETS.peakRssBytes });
    }
    const startup = Math.max(...engine.map((r) => r.startupMs));
    checks.push({ target: `start-up to ready ≤ ${TARGETS.startupMs / 1000} s (fork to listening, slowest round)`, measured: list((r) => `${r.startupMs.toFixed(0)} ms`), met: startup <= TARGETS.startupMs });
  }
  const sqlite = by('sqlite');
  if (sqlite?.realistic) {
    checks.push({ target: `SQLite, ${sqlite.realistic.callers} calls answering after 1 s: p99 ≤ ${TARGETS.realisticP99Ms} ms`, measured: `p99 ${ms(sqlite.realistic.latency.p99)} ms`, met: sqlite.realistic.latency.p99 <= TARGETS.realisticP99Ms });
  }
  for (const r of ran) {
    if (!r.capacity) continue;
    const least = r.setup === 'sqlite' ? TARGETS.sqliteCapacityCalls : 1;
    checks.push({
      target: `${SETUP_TITLES[r.setup]}: concurrent calls at p99 ≤ ${CAPACITY_P99_MS} ms, answering every 3 s${r.setup === 'sqlite' ? ` ≥ ${TARGETS.sqliteCapacityCalls.toLocaleString('en')}` : ''}`,
      measured: `${r.capacity.calls} calls (p99 ${ms(r.capacity.row.latency.p99)} ms)`,
      met: r.capacity.calls >= least,
    });
  }
  const sizes = ran.filter((r) => r.sessionBytes && r.sessionBytes.count > 0).map((r) => r.sessionBytes!.max);
  if (sizes.length) checks.push({ target: `a persisted session ≤ ${TARGETS.sessionBytes / 1024} KB`, measured: `largest ${Math.max(...sizes)} bytes`, met: Math.max(...sizes) <= TARGETS.sessionBytes });
  const errors = ran.reduce((n, r) => n + [r.fast, r.realistic, ...(r.capacity ? [r.capacity.row] : [])].reduce((m, p) => m + (p?.errors ?? 0), 0), 0);
  checks.push({ target: 'zero errors', measured: `${errors} errors`, met: errors === 0 });
  return checks;
}

const phaseCells = (p: PhaseRow) => [p.turnsPerSec.toFixed(0), ms(p.latency.p50), ms(p.latency.p95), ms(p.latency.p99), String(p.errors)];
const COLUMNS = ['setup', 'fast turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'server CPU ms/turn', 'peak RSS MB (fast / whole run)', 'start-up ms', 'realistic turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'capacity (calls)', 'session max / mean', 'memory per call'];

export type ReportOptions = { calls: number; fastCalls: number; warmupSeconds: number; fastSeconds: number; realisticSeconds: number; capacitySeconds: number; rounds: number; now?: Date };

/** The results as Markdown: what was run, the table, the targets. */
export function renderReport(reports: readonly SetupReport[], opts: ReportOptions): string {
  const lines: string[] = [];
  const tutorial = reports.some((r) => r.setup === 'tutorial');
  lines.push(`Machine: ${machine(opts.now)}.`, '');
  lines.push(
    `Each setup runs in a fresh server process (\`src/bench/bench-server.ts\`: \`createApp\` over \`openServices\`, production logging into /dev/null, the shipped flows); the load generator (\`src/bench/load-driver.ts\`) is the \`ivr bench\` process itself. ` +
      `Callers walk ${BENCH_PATHS.length} real paths (${TURNS_PER_CALL.toFixed(1)} voice turns per call on average, signed like Twilio, a status callback at the end), each caller placing calls back to back.` +
      (tutorial ? ` The tutorial app (\`node index.js\`, NODE_ENV=production) is called along its own ${TUTORIAL_PATHS.length} paths (${TUTORIAL_TURNS_PER_CALL.toFixed(2)} turns per call: welcome, then directions or a planet), signed alike, no status callback.` : ''),
    '',
  );
  const order = opts.rounds > 1 ? `; the servers run in the order A B C${opts.rounds > 2 ? ' …' : ''} C B A (${opts.rounds} rounds, a fresh server each time) and the row is the mean of the rounds (latencies: the mean of each round's percentile)` : '';
  lines.push(`- **fast**: ${opts.fastCalls} callers answering every prompt at once, ${opts.fastSeconds} s after a warm-up of ${opts.warmupSeconds} s${order}.`);
  lines.push(`- **server CPU ms/turn**: user + system CPU of the server process (/proc/<pid>/stat) over the fast run, divided by the turns answered in it (the engine's status callbacks included in the CPU, not in the turns); **peak RSS**: the server's VmHWM at the end of the fast run / at the end of its life (engine setups: after the realistic run, the memory sample and the capacity search too); **start-up**: from starting the process to its first readiness (engine: fork to listening; tutorial: spawn to its first answer), the slowest round.`);
  lines.push(`- **realistic**: ${opts.calls} callers answering ${REALISTIC_THINK_MS / 1000} s after every prompt, ${opts.realisticSeconds} s (first round only).`);
  lines.push(`- **capacity**: the most concurrent calls (answering every ${CAPACITY_THINK_MS / 1000} s) served at p99 ≤ ${CAPACITY_P99_MS} ms with no errors; ${opts.capacitySeconds} s per step, a failed step tried twice (first round only).`);
  lines.push(`- **memory per call**: heap growth (after a full GC) with ${MEMORY_CALLS} calls held at their first prompt, divided by the calls (state kept in SQLite, PostgreSQL or Redis is outside the heap); **session**: JSON bytes of the stored sessions, largest / mean.`, '');
  lines.push(row(COLUMNS));
  lines.push(row(Array(COLUMNS.length).fill('---')));
  for (const r of reports) {
    if (r.failed) {
      lines.push(row([SETUP_TITLES[r.setup], `not run: ${r.failed.replace(/\|/g, '/')}`, ...Array(COLUMNS.length - 2).fill('')]));
      continue;
    }
    lines.push(
      row([
        SETUP_TITLES[r.setup],
        ...phaseCells(r.fast),
        r.cpuMsPerTurn.toFixed(3),
        `${mb(r.peakRss.fast)} / ${mb(r.peakRss.run)}`,
        r.startupMs.toFixed(0),
        ...(r.realistic ? phaseCells(r.realistic) : ['', '', '', '', '']),
        r.capacity ? `${r.capacity.calls} (p99 ${ms(r.capacity.row.latency.p99)} ms, ${r.capacity.row.turnsPerSec.toFixed(0)} turns/s)` : '',
        r.sessionBytes?.count ? `${(r.sessionBytes.max / 1024).toFixed(2)} / ${(r.sessionBytes.mean / 1024).toFixed(2)} KB` : '',
        r.memory ? (r.memory.perCallBytes < 100 ? '< 0.1 KB' : kb(r.memory.perCallBytes)) : '',
      ]),
    );
  }
  if (opts.rounds > 1) {
    lines.push('', 'Fast turns/s per round (in run order within each round):', '');
    for (const r of reports) if (!r.failed) lines.push(`- ${SETUP_TITLES[r.setup]}: ${r.rounds.map((x) => x.row.turnsPerSec.toFixed(0)).join(', ')}`);
  }
  lines.push('', '| target | measured | met |', '| --- | --- | --- |');
  for (const c of checkTargets(reports)) lines.push(row([c.target, c.measured, c.met === null ? 'not measured' : c.met ? 'yes' : '**no**']));
  const samples = reports.flatMap((r) => (r.failed ? [] : [r.fast, r.realistic]).flatMap((p) => p?.errorSamples ?? []).map((e) => `${r.setup}: ${e}`));
  if (samples.length) lines.push('', 'Errors seen (first few):', '', ...samples.slice(0, 10).map((e) => `- ${e}`));
  return lines.join('\n');
}

export const RESULTS_START = '<!-- ivr bench: results start (written by `npm run bench`) -->';
export const RESULTS_END = '<!-- ivr bench: results end -->';

/** Puts `results` between the markers of `doc`, keeping the hand-written text around them. */
export function spliceResults(doc: string, results: string): string {
  const block = `${RESULTS_START}\n${results}\n${RESULTS_END}`;
  const a = doc.indexOf(RESULTS_START);
  const b = doc.indexOf(RESULTS_END);
  if (a === -1 || b === -1) return `${doc.trimEnd()}\n\n## Latest run\n\n${block}\n`;
  return `${doc.slice(0, a)}${block}${doc.slice(b + RESULTS_END.length)}`;
}
