/**
 * How fast one menu turn goes through the whole webhook: signed form post, SQLite session load,
 * runtime step, compare-and-set save, call record, TwiML. Measured with autocannon (50 connections)
 * beside a bare Express route answering fixed TwiML, in the same run, the server in a child process.
 *
 *   npx tsx src/bench/menu-turn.ts [calls=15000]
 *
 * Phase 1 rings `calls` calls (each a new CallSid), phase 2 presses 9 on each one's menu (a turn
 * with no effects: the flow switches language and asks again), phase 3 hits the bare route.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { loadConfig } from '../config/config';
import { parseInstant, SimulatedClock } from '../platform/clock';
import { createApp } from '../server/create-app';
import { createServices } from '../server/create-services';
import { createLogger } from '../server/logger';
import { loadProjectOrThrow } from '../sim/simulate-call';
import { signRequest } from '../telephony/twilio/verify-signature';

const AUTH_TOKEN = 'bench-auth-token';
const PUBLIC = 'http://bench.local';
const DEMO_LINE = '+864000000000';
const FIXED_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf" action="http://bench.local/twilio/voice/turn?n=2" method="POST" actionOnEmptyResult="true" timeout="5" finishOnKey="" numDigits="1"><Say voice="Polly.Joanna" language="en-US">For enquiries press 1, to leave a message press 2, for English press 9.</Say></Gather></Response>';

type Ports = { app: number; bare: number };

/** The child: the real app on SQLite (a temp file) and the bare route, on loopback ports. */
function serve(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-bench-'));
  const config = loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: PUBLIC, TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: AUTH_TOKEN, ADMIN_TOKEN: 'bench-admin-token-0123', OTP_SECRET: 'bench-otp-secret-0123456789abcdef0123456789', LOG_LEVEL: 'info' });
  const project = loadProjectOrThrow('test/fixtures/flows/good');
  // The line is open at 21:00 Shanghai; the clock stands still so every call meets the same menu.
  const clock = new SimulatedClock(parseInstant('2026-11-23T21:00:00+08:00'));
  // Production logging (one line per turn) into a sink, so its cost is measured but not printed.
  const logger = createLogger(config.logLevel, { write: () => undefined });
  const services = createServices({ ...config, database: { kind: 'sqlite', file: join(dir, 'ivr.db') } }, { project, clock, logger, timers: false });
  const app = createApp({ config, project, clock, services, logger });
  const bare = express();
  bare.post('/twiml', (_req, res) => {
    res.type('text/xml').send(FIXED_TWIML);
  });
  const a = app.listen(0, '127.0.0.1', () => {
    const b = bare.listen(0, '127.0.0.1', () => {
      const port = (s: typeof a) => (s.address() as { port: number }).port;
      process.send!({ app: port(a), bare: port(b) } satisfies Ports);
    });
  });
  process.on('disconnect', () => {
    void services.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

const sid = (i: number) => `CA${String(i).padStart(32, '0')}`;

function signedForm(path: string, params: Record<string, string>) {
  return {
    method: 'POST' as const,
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signRequest(AUTH_TOKEN, `${PUBLIC}${path}`, params) },
    body: new URLSearchParams(params).toString(),
  };
}

type FormRequest = { method: 'POST'; path: string; headers: Record<string, string>; body: string };

async function run(title: string, port: number, calls: number, request: (i: number) => FormRequest) {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    amount: calls,
    requests: [{ setupRequest: (req) => ({ ...req, ...request(i++) }) }],
  });
  const row = {
    title,
    requests: result.requests.total,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  return row;
}

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 15_000);
  const child: ChildProcess = fork(__filename, ['--serve'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ports = await new Promise<Ports>((resolve) => child.once('message', (m) => resolve(m as Ports)));
  try {
    const base = (i: number) => ({ CallSid: sid(i), AccountSid: `AC${'0'.repeat(32)}`, To: DEMO_LINE, From: '+8613800138000', CallStatus: 'in-progress', Direction: 'inbound' });
    const rows = [];
    rows.push(await run('ring (new call, greeting + menu)', ports.app, calls, (i) => signedForm('/twilio/voice', base(i))));
    rows.push(await run('menu turn (press 9)', ports.app, calls, (i) => signedForm('/twilio/voice/turn?n=1', { ...base(i), Digits: '9' })));
    rows.push(await run('bare Express, fixed TwiML', ports.bare, calls, (): FormRequest => ({ method: 'POST', path: '/twiml', headers: {}, body: '' })));
    console.table(rows);
    // The turns must have been real turns, not apologies: the last call's record tells.
    const res = await fetch(`http://127.0.0.1:${ports.app}/api/calls/${sid(calls - 1)}`, { headers: { authorization: 'Bearer bench-admin-token-0123' } });
    const { call } = (await res.json()) as { call: { turns: unknown[]; faults: number; lang: string } };
    console.log(`check: call ${calls - 1} has ${call.turns.length} turns, ${call.faults} faults, language ${call.lang}`);
  } finally {
    child.disconnect();
  }
}

if (process.argv.includes('--serve')) serve();
else main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
