import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from '../../src/bench/free-port';
import { parseTwiml, type TwimlVerb } from '../../src/telephony/twilio/parse-twiml';
import { signRequest } from '../../src/telephony/twilio/verify-signature';
import { said } from './twilio-caller';

/** The public URL Twilio signs, shared by every server behind the (simulated) load balancer. */
export const LB_PUBLIC_URL = 'http://ivr.example.test';
export { freePort };

export const SERVED_AUTH_TOKEN = 'served-auth-token';
export const SERVED_ADMIN_TOKEN = 'served-admin-token-0123456789';

/**
 * Polls `check` until it returns something truthy, without sleeping on a fixed guess: each try
 * waits for the event loop to turn (setImmediate, then a few ms), and the whole wait is bounded.
 * Throws with `what` if `withinMs` passes first.
 */
export async function until<T>(what: string, check: () => T | Promise<T>, withinMs = 15_000): Promise<NonNullable<T>> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - started > withinMs) throw new Error(`timed out after ${withinMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(5 * attempt, 50)));
  }
}

export type ServedProcess = {
  name: string;
  port: number;
  baseUrl: string;
  /** JSON log lines the server wrote to stdout, parsed. */
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  child: ChildProcess;
};

/**
 * Starts `node src/cli/bin.js serve` in its own process, as production does, with `env` on top of
 * a clean environment, and waits (bounded) for its "ivr serving" log line.
 */
export async function startServed(name: string, env: Record<string, string>, opts: { readyWithinMs?: number } = {}): Promise<ServedProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['src/cli/bin.js', 'serve'], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      PUBLIC_BASE_URL: LB_PUBLIC_URL,
      TWILIO_AUTH_TOKEN: SERVED_AUTH_TOKEN,
      ADMIN_TOKEN: SERVED_ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let err = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gone: { code: number | null } | undefined;
  void exited.then((e) => (gone = e));
  await until(
    `${name} to log "ivr serving"`,
    () => {
      if (gone) throw new Error(`${name} exited with ${gone.code} before serving: ${err.trim()}`);
      return logs.some((l) => l.msg === 'ivr serving');
    },
    opts.readyWithinMs ?? 20_000,
  );
  return { name, port, baseUrl: `http://127.0.0.1:${port}`, logs, stderr: () => err, exited, kill: (signal) => void child.kill(signal), child };
}

type Params = Record<string, string>;

/**
 * One caller placing a call the way Twilio does, each request to whichever server `pick` names
 * (a load balancer's choice), signed for the shared public URL.
 */
export class RemoteCaller {
  readonly sid = `CA${randomBytes(16).toString('hex')}`;
  verbs: TwimlVerb[] = [];
  requests = 0;

  constructor(private readonly opts: { to: string; from: string }) {}

  private get callParams(): Params {
    return { CallSid: this.sid, AccountSid: `AC${'0'.repeat(32)}`, To: this.opts.to, From: this.opts.from, Direction: 'inbound', CallStatus: 'in-progress', ApiVersion: '2010-04-01' };
  }

  async post(server: Pick<ServedProcess, 'baseUrl'>, publicUrl: string, params: Params): Promise<{ status: number; body: string }> {
    const { pathname, search } = new URL(publicUrl);
    const res = await fetch(`${server.baseUrl}${pathname}${search}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signRequest(SERVED_AUTH_TOKEN, publicUrl, params) },
      body: new URLSearchParams(params).toString(),
    });
    this.requests++;
    const body = await res.text();
    if (res.headers.get('content-type')?.startsWith('text/xml')) this.verbs = parseTwiml(body);
    return { status: res.status, body };
  }

  ring(server: Pick<ServedProcess, 'baseUrl'>) {
    return this.post(server, `${LB_PUBLIC_URL}/twilio/voice`, this.callParams);
  }

  /** Keys an entry into the last answer's <Gather>. */
  press(server: Pick<ServedProcess, 'baseUrl'>, digits: string) {
    const gather = this.verbs.find((v) => v.verb === 'Gather');
    if (!gather) throw new Error(`the last answer has no <Gather>: ${JSON.stringify(this.verbs)}`);
    return this.post(server, gather.attrs.action, { ...this.callParams, Digits: digits });
  }

  hangUp(server: Pick<ServedProcess, 'baseUrl'>, durationSec = 60) {
    return this.post(server, `${LB_PUBLIC_URL}/twilio/status`, { CallSid: this.sid, CallStatus: 'completed', CallDuration: String(durationSec) });
  }

  heard(): string[] {
    return said(this.verbs);
  }

  /** The verb names of the last answer. */
  shape(): string[] {
    return this.verbs.map((v) => v.verb);
  }
}

/** GET an admin API path on a server. */
export async function adminGet<T>(server: Pick<ServedProcess, 'baseUrl'>, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${SERVED_ADMIN_TOKEN}` } });
  return { status: res.status, body: (await res.json()) as T };
}
