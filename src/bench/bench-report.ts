import { cpus, totalmem, type as osType, release } from 'node:os';
import { SETUP_TITLES } from './bench-setups';
import { BENCH_PATHS, TURNS_PER_CALL } from './call-paths';
import { CAPACITY_P99_MS, CAPACITY_THINK_MS, MEMORY_CALLS, REALISTIC_THINK_MS, type PhaseRow, type SetupReport } from './run-bench';

/** The targets of the scale-out issue, checked against a run. */
export const TARGETS = {
  memoryShareOfCeiling: 0.6,
  realisticP99Ms: 25,
  capacityP99Ms: CAPACITY_P99_MS,
  sessionBytes: 4096,
} as const;

const ms = (n: number) => n.toFixed(1);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function machine(now = new Date()): string {
  const cpu = cpus();
  return `${cpu.length} CPU (\`nproc\` ${cpu.length}, ${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${osType()} ${release()}, Node ${process.version}; run ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export type TargetCheck = { target: string; measured: string; met: boolean };

export function checkTargets(reports: SetupReport[]): TargetCheck[] {
  const by = (s: SetupReport['setup']) => reports.find((r) => r.setup === s && !r.failed);
  const checks: TargetCheck[] = [];
  const memory = by('memory');
  const bare = by('bare');
  if (memory && bare) {
    const share = memory.fast.turnsPerSec / bare.fast.turnsPerSec;
    checks.push({ target: `memory store ≥ ${TARGETS.memoryShareOfCeiling * 100} % of the bare-Express ceiling (callers answering at once)`, measured: `${(share * 100).toFixed(0)} % (${memory.fast.turnsPerSec.toFixed(0)} of ${bare.fast.turnsPerSec.toFixed(0)} turns/s)`, met: share >= TARGETS.memoryShareOfCeiling });
  }
  const sqlite = by('sqlite');
  if (sqlite?.realistic) {
    checks.push({ target: `SQLite, ${sqlite.realistic.callers} calls answering after 1 s: p99 ≤ ${TARGETS.realisticP99Ms} ms`, measured: `p99 ${ms(sqlite.realistic.latency.p99)} ms`, met: sqlite.realistic.latency.p99 <= TARGETS.realisticP99Ms });
  }
  for (const r of reports) {
    if (r.capacity) checks.push({ target: `${SETUP_TITLES[r.setup]}: concurrent calls at p99 ≤ ${CAPACITY_P99_MS} ms, answering every 3 s`, measured: `${r.capacity.calls} calls (p99 ${ms(r.capacity.row.latency.p99)} ms)`, met: r.capacity.calls > 0 });
  }
  const sizes = reports.filter((r) => r.sessionBytes && r.sessionBytes.count > 0).map((r) => r.sessionBytes!.max);
  if (sizes.length) checks.push({ target: `a persisted session ≤ ${TARGETS.sessionBytes / 1024} KB`, measured: `largest ${Math.max(...sizes)} bytes`, met: Math.max(...sizes) <= TARGETS.sessionBytes });
  const errors = reports.reduce((n, r) => n + [r.fast, r.realistic, ...(r.capacity ? [r.capacity.row] : [])].reduce((m, p) => m + (p?.errors ?? 0), 0), 0);
  checks.push({ target: 'zero errors', measured: `${errors} errors`, met: errors === 0 });
  return checks;
}

const phaseCells = (p: PhaseRow) => [p.turnsPerSec.toFixed(0), ms(p.latency.p50), ms(p.latency.p95), ms(p.latency.p99), String(p.errors)];

/** The results as Markdown: what was run, the table, the targets. */
export function renderReport(reports: SetupReport[], opts: { calls: number; fastSeconds: number; realisticSeconds: number; capacitySeconds: number; now?: Date }): string {
  const lines: string[] = [];
  lines.push(`Machine: ${machine(opts.now)}.`, '');
  lines.push(
    `Each setup runs in a fresh server process (\`src/bench/bench-server.ts\`: \`createApp\` over \`openServices\`, production logging into /dev/null, the shipped flows); the load generator (\`src/bench/load-driver.ts\`) is the \`ivr bench\` process itself. ` +
      `Callers walk ${BENCH_PATHS.length} real paths (${TURNS_PER_CALL.toFixed(1)} voice turns per call on average, signed like Twilio, a status callback at the end), each caller placing calls back to back.`,
    '',
  );
  lines.push(`- **fast**: ${opts.calls} callers answering every prompt at once, ${opts.fastSeconds} s after a warm-up.`);
  lines.push(`- **realistic**: ${opts.calls} callers answering ${REALISTIC_THINK_MS / 1000} s after every prompt, ${opts.realisticSeconds} s.`);
  lines.push(`- **capacity**: the most concurrent calls (answering every ${CAPACITY_THINK_MS / 1000} s) served at p99 ≤ ${CAPACITY_P99_MS} ms with no errors; ${opts.capacitySeconds} s per step, a failed step tried twice.`);
  lines.push(`- **memory per call**: heap growth (after a full GC) with ${MEMORY_CALLS} calls held at their first prompt, divided by the calls (state kept in SQLite, PostgreSQL or Redis is outside the heap); **session**: JSON bytes of the stored sessions, largest / mean.`, '');
  lines.push(row(['setup', 'fast turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'realistic turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'capacity (calls)', 'session max / mean', 'memory per call']));
  lines.push(row(Array(14).fill('---')));
  for (const r of reports) {
    if (r.failed) {
      lines.push(row([SETUP_TITLES[r.setup], `not run: ${r.failed.replace(/\|/g, '/')}`, ...Array(12).fill(''), '']));
      continue;
    }
    lines.push(
      row([
        SETUP_TITLES[r.setup],
        ...phaseCells(r.fast),
        ...(r.realistic ? phaseCells(r.realistic) : ['', '', '', '', '']),
        r.capacity ? `${r.capacity.calls} (p99 ${ms(r.capacity.row.latency.p99)} ms, ${r.capacity.row.turnsPerSec.toFixed(0)} turns/s)` : '',
        r.sessionBytes?.count ? `${(r.sessionBytes.max / 1024).toFixed(2)} / ${(r.sessionBytes.mean / 1024).toFixed(2)} KB` : '',
        r.memory ? (r.memory.perCallBytes < 100 ? '< 0.1 KB' : kb(r.memory.perCallBytes)) : '',
      ]),
    );
  }
  lines.push('', '| target | measured | met |', '| --- | --- | --- |');
  for (const c of checkTargets(reports)) lines.push(row([c.target, c.measured, c.met ? 'yes' : '**no**']));
  const samples = reports.flatMap((r) => [r.fast, r.realistic].flatMap((p) => p?.errorSamples ?? []).map((e) => `${r.setup}: ${e}`));
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
