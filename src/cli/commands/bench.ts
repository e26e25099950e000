import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReport, spliceResults } from '../../bench/bench-report';
import { SETUPS, type Setup } from '../../bench/bench-setups';
import { renderReportBench, runReportBench } from '../../bench/report-bench';
import { runBench } from '../../bench/run-bench';
import { renderStartupBench, runStartupBench } from '../../bench/startup-bench';
import { prepareTutorial, type PreparedTutorial } from '../../bench/tutorial-app';
import { renderTwimlBench, runTwimlBench } from '../../bench/twiml-bench';

const positive = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${what} must be a whole number`);
  return n;
};

/**
 * `ivr bench` (npm run bench): concurrent simulated calls through the real webhook for each store
 * setup, beside a bare Express route and (given --tutorial) Twilio's tutorial IVR, the load
 * generator in this process and each server in its own. Prints the results and writes them into
 * docs/benchmarks.md. Not part of `npm test`.
 */
export function benchCommand(): Command {
  return new Command('bench')
    .description('benchmark the webhook: turns/s and latency per store setup beside a bare Express ceiling; writes docs/benchmarks.md')
    .option('--setups <list>', `store setups, comma-separated (${SETUPS.join(', ')})`, SETUPS.join(','))
    .option('--calls <n>', 'concurrent calls in the realistic run', positive('--calls'), 200)
    .option('--fast-calls <n>', 'concurrent callers in the warm-up and the fast run (answering at once)', positive('--fast-calls'), 100)
    .option('--warmup-seconds <n>', 'warm-up before each fast run (not measured)', positive('--warmup-seconds'), 8)
    .option('--seconds <n>', 'length of the fast run and of each capacity step', positive('--seconds'), 15)
    .option('--rounds <n>', 'passes over the servers, every other one reversed (2: A B C C B A); the fast figures are the mean', positive('--rounds'), 2)
    .option('--tutorial <dir>', 'a copy of TwilioDevEd/ivr-phone-tree-node (a checkout or its git directory), benchmarked as a baseline; installed into a temporary folder, removed after', process.env.BENCH_TUTORIAL_DIR)
    .option('--realistic-seconds <n>', 'length of the realistic run (callers answering after 1 s)', positive('--realistic-seconds'), 30)
    .option('--capacity-steps <n>', 'capacity search steps per setup (0 skips it)', positive('--capacity-steps'), 5)
    .option('--quick', 'a short run: one round, 3 s warm-ups, 5 s phases, 3 capacity steps (about 3 minutes)')
    .option('--profile <setup>', 'run that setup’s server under node --cpu-prof (the .cpuprofile path is printed)')
    .option('--database-url <url>', 'PostgreSQL for the redis-pg setup (a schema of its own is created and dropped)', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
    .option('--redis-url <url>', 'Redis for the redis-pg setup (a key prefix of its own, cleaned up)', process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379')
    .option('--out <file>', 'the Markdown file whose results block is replaced', 'docs/benchmarks.md')
    .option('--no-write', 'print the results only')
    .option('--report', 'instead: GET /api/reports over generated call records while two callers call; prints how long it takes and the turns meanwhile')
    .option('--records <n>', 'call records generated for --report', positive('--records'), 100_000)
    .option('--report-stores <list>', 'stores for --report, comma-separated (sqlite, postgres)', 'sqlite')
    .option('--twiml', 'instead: renders per second of a typical menu reply, every prompt built by the SDK vs from the cached markup (in this process)')
    .option('--startup', 'instead: time `ivr serve` from spawn to listening, --runs times one after another; prints the median')
    .option('--runs <n>', 'start-ups timed by --startup', positive('--runs'), 5)
    .action(async (o: { twiml?: boolean; startup?: boolean; runs: number; report?: boolean; records: number; reportStores: string; setups: string; calls: number; fastCalls: number; warmupSeconds: number; rounds: number; tutorial?: string; seconds: number; realisticSeconds: number; capacitySteps: number; quick?: boolean; profile?: string; databaseUrl: string; redisUrl: string; out: string; write: boolean }) => {
      if (o.twiml) {
        process.stdout.write(`${renderTwimlBench(runTwimlBench({ seconds: o.quick ? 2 : 6, rounds: 6 }))}\n`);
        return;
      }
      if (o.startup) {
        process.stdout.write(`${renderStartupBench(await runStartupBench({ runs: Math.max(1, o.runs) }))}\n`);
        return;
      }
      if (o.report) {
        const stores = o.reportStores.split(',').map((s) => s.trim());
        if (stores.some((s) => s !== 'sqlite' && s !== 'postgres')) throw new Error('ivr bench: --report-stores takes sqlite and/or postgres');
        const results = await runReportBench({
          records: o.records,
          stores: stores as Array<'sqlite' | 'postgres'>,
          reports: 3,
          databaseUrl: o.databaseUrl,
          redisUrl: o.redisUrl,
          log: (line) => process.stdout.write(`${line}\n`),
        });
        process.stdout.write(`\n${renderReportBench(results)}\n`);
        return;
      }
      const setups = o.setups.split(',').map((s) => s.trim()) as Setup[];
      const unknown = setups.filter((s) => !SETUPS.includes(s));
      if (unknown.length) throw new Error(`ivr bench: unknown setup ${unknown.join(', ')}; use ${SETUPS.join(', ')}`);
      if (o.profile && !SETUPS.includes(o.profile as Setup)) throw new Error(`ivr bench: --profile takes one of ${SETUPS.join(', ')}`);
      if (o.rounds < 1) throw new Error('ivr bench: --rounds must be 1 or more');
      if (o.fastCalls < 1) throw new Error('ivr bench: --fast-calls must be 1 or more');
      const fastSeconds = o.quick ? 5 : o.seconds;
      const warmupSeconds = o.quick ? Math.min(3, o.warmupSeconds) : o.warmupSeconds;
      const realisticSeconds = o.quick ? 8 : o.realisticSeconds;
      const capacitySteps = o.quick ? Math.min(3, o.capacitySteps) : o.capacitySteps;
      const rounds = o.quick ? 1 : o.rounds;
      const log = (line: string) => void process.stdout.write(`${line}\n`);
      const profileDir = o.profile ? mkdtempSync(join(tmpdir(), 'ivr-bench-profile-')) : undefined;
      // Installed before any server starts, so npm's work does not fall on a measured run.
      let tutorial: PreparedTutorial | undefined;
      if (o.tutorial) tutorial = await prepareTutorial(o.tutorial, log);
      let reports;
      try {
        reports = await runBench({
          setups,
          calls: o.calls,
          fastCalls: o.fastCalls,
          warmupSeconds,
          fastSeconds,
          realisticSeconds,
          capacitySteps,
          capacitySeconds: fastSeconds,
          rounds,
          ...(tutorial ? { tutorialDir: tutorial.appDir } : {}),
          databaseUrl: o.databaseUrl,
          redisUrl: o.redisUrl,
          ...(profileDir ? { profile: { setup: o.profile as Setup, dir: profileDir } } : {}),
          log,
        });
      } finally {
        tutorial?.remove();
      }
      const results = renderReport(reports, { calls: o.calls, fastCalls: o.fastCalls, warmupSeconds, fastSeconds, realisticSeconds, capacitySeconds: fastSeconds, rounds });
      process.stdout.write(`\n${results}\n`);
      if (profileDir) process.stdout.write(`\nCPU profile of the ${o.profile} server: ${profileDir} (open in Chrome DevTools → Performance, or node src/bench/profile-top.ts <file>)\n`);
      if (o.write) {
        const doc = existsSync(o.out) ? readFileSync(o.out, 'utf8') : '# Benchmarks\n';
        writeFileSync(o.out, spliceResults(doc, results));
        process.stdout.write(`\nwritten to ${o.out}\n`);
      }
    });
}
