import { createHmac, randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { httpExchange } from './http-exchange';
import type { CallPath } from './call-paths';
import { Latencies, type LatencySummary } from './latency';

/**
 * What the callers call, and so what the driver checks:
 * - `engine`: our webhook. A reply apologising for a fault is an error; each call ends with a
 *   `completed` status callback, as Twilio sends.
 * - `tutorial`: the tutorial app, the baseline. Its Gather actions are relative and its text is its
 *   own, so only the HTTP status and the way the call ends are checked; it has no status callback.
 * - `bare`: every request goes to `path`; replies are not checked, no status callbacks.
 */
export type DriveTarget = { kind: 'engine' } | { kind: 'tutorial' } | { kind: 'bare'; path: string };

/**
 * The load generator: `callers` simulated callers, each placing calls back to back along the
 * bench paths through the voice webhook, the way Twilio would (signed form posts, following each
 * <Gather>'s action), waiting `thinkMs` after every prompt before answering. Runs in its own
 * process, apart from the server it measures.
 */
export type DriveOptions = {
  host: string;
  port: number;
  /** The public URL requests are signed for (the server's PUBLIC_BASE_URL). */
  publicUrl: string;
  authToken: string;
  callers: number;
  durationMs: number;
  /** How long a caller takes to answer each prompt (0: at once). */
  thinkMs: number;
  paths: readonly CallPath[];
  target: DriveTarget;
  /** Callers start spread over this long (default: the think time). */
  rampMs?: number;
  /** Called once, this long after the start (a memory sample while every caller is in a call). */
  probe?: { atMs: number; run: () => Promise<void> };
};

export type DriveResult = {
  turns: number;
  calls: number;
  seconds: number;
  turnsPerSec: number;
  latency: LatencySummary;
  errors: number;
  /** A few of the errors, to say what went wrong. */
  errorSamples: string[];
};

type Params = Record<string, string>;

/** Twilio's signature: HMAC-SHA1 of the URL followed by each parameter name and value, sorted by name. */
export function sign(authToken: string, url: string, params: Params): string {
  let data = url;
  for (const key of Object.keys(params).sort()) data += key + params[key];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const unescapeXml = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const ACTION = /<Gather\b[^>]*\baction="([^"]+)"/;

/**
 * Where Twilio posts the caller's answer to `reply`: its <Gather>'s action, resolved against the
 * URL the reply came from (the engine writes absolute actions, the tutorial app "/ivr/menu").
 * Undefined when the reply has no <Gather> (the call ends there).
 */
export function gatherAction(reply: string, requestUrl: string): string | undefined {
  const action = ACTION.exec(reply)?.[1];
  return action === undefined ? undefined : new URL(unescapeXml(action), requestUrl).href;
}
const FAULT = /系统暂时出现问题|we are having technical trouble/i;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function drive(opts: DriveOptions): Promise<DriveResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });
  const latencies = new Latencies();
  const errorSamples: string[] = [];
  let errors = 0;
  let calls = 0;
  let inWindow = 0;
  const started = performance.now();
  const end = started + opts.durationMs;
  const error = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };

  const post = (publicUrl: string, params: Params): Promise<{ status: number; body: string }> => {
    const path = opts.target.kind === 'bare' ? opts.target.path : publicUrl.slice(opts.publicUrl.length);
    const body = new URLSearchParams(params).toString();
    return httpExchange(
      {
        host: opts.host,
        port: opts.port,
        method: 'POST',
        path,
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-twilio-signature': sign(opts.authToken, publicUrl, params),
        },
      },
      body,
    );
  };

  /** One voice webhook turn, timed; undefined when it failed (counted). */
  const turn = async (url: string, params: Params, what: string): Promise<string | undefined> => {
    const t0 = performance.now();
    try {
      const res = await post(url, params);
      const t1 = performance.now();
      latencies.add(t1 - t0);
      if (t1 <= end) inWindow++;
      if (res.status !== 200) return void error(`${what}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
      if (opts.target.kind === 'engine' && FAULT.test(res.body)) return void error(`${what}: the engine apologised (a fault)`);
      return res.body;
    } catch (err) {
      return void error(`${what}: ${(err as Error).message}`);
    }
  };

  async function placeCall(path: CallPath): Promise<void> {
    const sid = `CA${randomBytes(16).toString('hex')}`;
    const call: Params = {
      CallSid: sid,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      To: path.to,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    };
    calls++;
    let url = `${opts.publicUrl}${path.ring}`;
    let reply = await turn(url, call, `${path.name}: ring`);
    for (let i = 0; reply !== undefined && i < path.keys.length; i++) {
      const action = gatherAction(reply, url);
      if (!action) return error(`${path.name}: the call ended before key ${i + 1}: ${reply.slice(0, 200)}`);
      if (opts.thinkMs > 0) await sleep(opts.thinkMs);
      if (performance.now() >= end) return; // the caller is cut off when the run ends
      url = action;
      reply = await turn(url, { ...call, Digits: path.keys[i] }, `${path.name}: key ${i + 1}`);
    }
    if (reply === undefined || opts.target.kind === 'bare') return;
    if (!reply.includes(`<${path.ends}`)) error(`${path.name}: expected <${path.ends}> at the end, got ${reply.slice(0, 200)}`);
    if (opts.target.kind === 'tutorial') return;
    try {
      const res = await post(`${opts.publicUrl}/twilio/status`, { CallSid: sid, CallStatus: 'completed', CallDuration: '42' });
      if (res.status !== 200) error(`${path.name}: status callback HTTP ${res.status}`);
    } catch (err) {
      error(`${path.name}: status callback ${(err as Error).message}`);
    }
  }

  async function caller(index: number): Promise<void> {
    // Callers start spread over the first think time, so they do not all press at the same instant.
    const ramp = opts.rampMs ?? opts.thinkMs;
    if (ramp > 0) await sleep((index / opts.callers) * ramp);
    for (let n = index; performance.now() < end; n++) await placeCall(opts.paths[n % opts.paths.length]);
  }

  const probe = opts.probe ? sleep(opts.probe.atMs).then(opts.probe.run) : undefined;
  await Promise.all(Array.from({ length: opts.callers }, (_, i) => caller(i)));
  await probe;
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  // The rate counts the turns answered within the run, not those of callers finishing after it.
  return { turns: latencies.count, calls, seconds, turnsPerSec: inWindow / (opts.durationMs / 1000), latency: latencies.summary(), errors, errorSamples };
}
