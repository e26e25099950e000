import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from './free-port';

/**
 * Start-up to ready: `node src/cli/bin.js serve` spawned afresh on the embedded defaults (SQLite
 * in a temp file, a free loopback port), timed from the spawn to its "ivr serving" log line, i.e.
 * listening. Runs one after another, never two at once. Not part of `npm test`.
 */
export type StartupBenchResult = { build: string; runsMs: number[]; medianMs: number };

const BIN = join(__dirname, '..', '..', 'src', 'cli', 'bin.js');
const READY_WITHIN_MS = 30_000;

async function startOnce(env: Record<string, string>): Promise<{ ms: number; build: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-startup-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    return await new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`startup bench: no "ivr serving" line within ${READY_WITHIN_MS} ms; stderr: ${err.slice(-500)}`)), READY_WITHIN_MS);
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const line = out.split('\n').find((l) => l.includes('"msg":"ivr serving"'));
        if (!line) return;
        const ms = performance.now() - started;
        clearTimeout(timer);
        resolve({ ms, build: String((JSON.parse(line) as { build?: unknown }).build) });
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`startup bench: ivr serve exited (code ${code}, signal ${signal}) before it was ready; stderr: ${err.slice(-500)}`));
      });
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runStartupBench(opts: { runs: number; env?: Record<string, string> }): Promise<StartupBenchResult> {
  const runsMs: number[] = [];
  let build = '';
  for (let i = 0; i < opts.runs; i++) {
    const run = await startOnce(opts.env ?? {});
    runsMs.push(Math.round(run.ms));
    build = run.build;
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { build, runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] };
}

export function renderStartupBench(r: StartupBenchResult): string {
  return `ivr serve, spawn to "ivr serving" (${r.build} build, SQLite): median ${r.medianMs} ms over ${r.runsMs.length} runs (${r.runsMs.join(', ')} ms)`;
}
