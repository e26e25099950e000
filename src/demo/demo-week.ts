import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { CALL_SCRIPTS_DIR, loadScenarios, type Scenario, type Step } from '../coverage';
import type { Project } from '../flow/load/load-project';
import { SimulatedClock } from '../platform/clock';
import { seededRandom, type SeededRandom } from '../platform/seeded-random';
import { createApp } from '../server/create-app';
import { openServices } from '../server/open-services';
import { recordingSmsSender } from '../services/sms/sms-sender';
import type { CallPlacer, OutboundCall } from '../services/callbacks/call-placer';
import { placeHttpCall, type DigitsAwait, type GatherAnswer } from '../sim/http-caller';
import { signRequest } from '../telephony/twilio/verify-signature';
import { ROUTES } from '../telephony/twilio/webhook-urls';

export type DemoOptions = {
  /** Midnight (Beijing time) of the first day, epoch ms. */
  start: number;
  days: number;
  callsPerDay: number;
  seed: number;
  logger: Logger;
  print: (line: string) => void;
};

export type DemoSummary = {
  calls: number;
  outcomes: Record<string, number>;
  tickets: number;
  resolved: number;
  surveysAnswered: number;
  /** Call backs placed, and answered by the customer. */
  callbacksPlaced: number;
  callbacksAnswered: number;
  firstCall?: string;
  firstTicket?: string;
};

/** How busy each hour of the day is (Beijing time): the seeds' 19:00-22:00 peak, office-hour humps, quiet nights. */
const HOUR_WEIGHTS = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.2, 2.4, 2.2, 1.6, 1.8, 2.2, 2.3, 2.1, 1.8, 2.0, 3.2, 3.5, 3.4, 2.6, 1.0] as const;
const ABANDON_SHARE = 0.08;
/** Silences a caller whose script is done waits through before hanging up. */
const MAX_SILENCES_AFTER_SCRIPT = 4;
const SURVEY_REPLY_SHARE = 0.7;
const RATINGS: ReadonlyArray<readonly [string, number]> = [['5', 45], ['4', 30], ['3', 12], ['2', 7], ['1', 6]];

type Event = { at: number; run: () => Promise<void> };

/**
 * `ivr demo`: a week of calls through the real engine, so a fresh install has something to show.
 * It serves the app on a loopback port with a virtual clock over the configured database (SQLite by
 * default), and replays the hotlines' call scripts (`flows/tests/*.calls.yaml`) as callers would,
 * over signed webhooks: at hours weighted like the seeds' days, some callers hanging up midway, one
 * -time codes read off the SMS, surveys answered with ratings, tickets worked by staff, most
 * within their promise, and the call backs tickets promise placed by the real dialler (Twilio and
 * the customer played over signed webhooks). SMS are recorded and calls simulated, never sent.
 */
export async function runDemo(config: Config, project: Project, opts: DemoOptions): Promise<DemoSummary> {
  const scriptsDir = join(project.dir, CALL_SCRIPTS_DIR);
  if (!existsSync(scriptsDir)) throw new Error(`no call scripts in ${scriptsDir}: the demo replays them (see docs/testing-flows.md)`);
  const scripts = loadScenarios(scriptsDir).flatMap((f) => f.scenarios);
  const r = seededRandom(opts.seed);
  const clock = new SimulatedClock(opts.start);
  const sms = recordingSmsSender();
  // Call backs are placed by the real dialler; the demo plays Twilio and the customer (below).
  const placed: Array<OutboundCall & { sid: string }> = [];
  const callPlacer: CallPlacer = {
    async place(call) {
      const sid = `CAdemocb${String(opts.seed).padStart(2, '0')}x${String(placed.length + 1).padStart(5, '0')}`;
      placed.push({ ...call, sid });
      return { sid };
    },
  };
  const services = await openServices(config, { project, clock, logger: opts.logger, smsSender: sms, callPlacer, timers: false });
  const app = createApp({ config, project, clock, services, logger: opts.logger });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publicBaseUrl = config.publicBaseUrl.replace(/\/+$/, '');
  const summary: DemoSummary = { calls: 0, outcomes: {}, tickets: 0, resolved: 0, surveysAnswered: 0, callbacksPlaced: 0, callbacksAnswered: 0 };
  let smsSeen = 0;
  /** Tickets already planned for: a caller's repeat call adds to their open ticket, it does not open another. */
  const ticketsSeen = new Set<string>();

  const events: Event[] = [];
  const schedule = (e: Event) => {
    const i = events.findIndex((x) => x.at > e.at);
    events.splice(i === -1 ? events.length : i, 0, e);
  };
  for (let day = 0; day < opts.days; day++) {
    for (let i = 0; i < opts.callsPerDay; i++) {
      const hour = r.weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
      const at = opts.start + day * 86_400_000 + hour * 3_600_000 + r.int(0, 3_599) * 1000;
      const sid = `CAdemo${String(opts.seed).padStart(2, '0')}d${day + 1}c${String(i + 1).padStart(4, '0')}`;
      schedule({ at, run: () => call(sid, r.pick(scripts)) });
    }
  }

  /** POSTs a signed webhook to this server as Twilio would. */
  const postSigned = async (publicUrl: string, params: Record<string, string>) => {
    const { pathname, search } = new URL(publicUrl);
    return fetch(`${baseUrl}${pathname}${search}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signRequest(config.twilio.authToken, publicUrl, params) },
      body: new URLSearchParams(params).toString(),
    });
  };

  /**
   * Runs the dialler, then plays each call it placed as Twilio and the customer would: most pick
   * up (Twilio fetches the answer URL), some are busy, do not answer or reach a voicemail; the
   * status callback tells the server. The next run is planned for the next call back due.
   */
  const dialled = new Set<number>();
  const dial = async () => {
    await services.dialler.flush();
    for (const call of placed.splice(0)) {
      summary.callbacksPlaced++;
      const callee = r.weighted([['human', 75], ['no-answer', 12], ['busy', 8], ['machine', 5]] as const);
      const base = { CallSid: call.sid, AccountSid: `AC${'0'.repeat(32)}`, From: call.from, To: call.to, Direction: 'outbound-api' };
      if (callee === 'human' || callee === 'machine') {
        const answeredBy = callee === 'human' ? 'human' : 'machine_end_beep';
        await postSigned(call.url, { ...base, CallStatus: 'in-progress', AnsweredBy: answeredBy });
        clock.advance(r.int(60, 300) * 1000);
        await postSigned(call.statusCallback, { ...base, CallStatus: 'completed', AnsweredBy: answeredBy, CallDuration: String(r.int(60, 300)) });
        if (callee === 'human') summary.callbacksAnswered++;
      } else {
        await postSigned(call.statusCallback, { ...base, CallStatus: callee });
      }
    }
    const due = (await services.callbacks.list({ status: 'pending' })).map((j) => j.nextAttemptAt);
    const next = due.length ? Math.max(Math.min(...due), clock.now() + 1000) : undefined;
    if (next !== undefined && !dialled.has(next)) {
      dialled.add(next);
      schedule({ at: next, run: dial });
    }
  };

  /** The survey texts sent since last time get a rating back from most callers. */
  const answerSurveys = async () => {
    await services.outboxSender?.flush();
    for (; smsSeen < sms.sent.length; smsSeen++) {
      const m = sms.sent[smsSeen];
      if (m.kind !== 'survey' || r.next() > SURVEY_REPLY_SHARE) continue;
      const params = { MessageSid: `SMdemo${smsSeen}x${opts.seed}`, AccountSid: `AC${'0'.repeat(32)}`, From: m.to, To: m.from, Body: r.weighted(RATINGS) };
      if ((await postSigned(`${publicBaseUrl}${ROUTES.sms}`, params)).ok) summary.surveysAnswered++;
    }
  };

  const call = async (sid: string, script: Scenario) => {
    const entries = callerEntries(script, () => sms.sent, clock);
    const abandonAfter = r.next() < ABANDON_SHARE ? r.int(0, 3) : Infinity;
    let keyed = 0;
    await placeHttpCall({
      baseUrl,
      publicBaseUrl,
      authToken: config.twilio.authToken,
      to: script.dial,
      from: script.from ?? strangerNumber(r),
      ...(script.fromCountry ? { fromCountry: script.fromCountry } : {}),
      sid,
      print: () => undefined,
      now: () => clock.now(),
      // The caller listens, then keys: a few seconds of the virtual day per request.
      beforeRequest: () => clock.advance(r.int(4, 15) * 1000),
      nextEntry: (spec) => (keyed++ >= abandonAfter ? undefined : entries(spec)),
    }).catch((err: unknown) => opts.print(`  call ${sid}: ${err instanceof Error ? err.message : String(err)}`));
    summary.calls++;
    summary.firstCall ??= sid;
    const record = await services.calls.get(sid);
    const outcome = record?.outcome ?? 'unknown';
    summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
    // Staff work the call's tickets later: most within the promise, some past it, a few left open.
    for (const id of record?.ticketIds ?? []) {
      if (ticketsSeen.has(id)) continue;
      ticketsSeen.add(id);
      summary.tickets++;
      summary.firstTicket ??= id;
      const ticket = await services.tickets.get(id);
      if (!ticket || r.next() < 0.2) continue;
      const at = ticket.createdAt + Math.round(ticket.slaMinutes * 60_000 * (0.1 + r.next() * 1.2));
      schedule({
        at,
        run: async () => {
          const done = await services.ticketDesk.change(id, { status: 'resolved', note: r.pick(['已为您处理完毕，感谢耐心等待。', '问题已解决，如有疑问请再次来电。', '账号已恢复正常使用。']) });
          if (done) summary.resolved++;
        },
      });
    }
    await answerSurveys();
    await dial();
  };

  try {
    while (events.length) {
      const next = events.shift()!;
      if (next.at > clock.now()) clock.set(next.at);
      await next.run();
      if (summary.calls > 0 && summary.calls % 100 === 0 && next.at === clock.now()) opts.print(`  ${summary.calls} calls…`);
    }
    await answerSurveys();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await services.close();
  }
  return summary;
}

/** A number no demo account has: a mainland mobile. */
function strangerNumber(r: SeededRandom): string {
  return `+86${r.pick(['135', '137', '150', '186', '139'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}

/**
 * What the caller keys, step by step, from a call script: keys as written, words said, silence, a voicemail,
 * the one-time code read off the last SMS to that phone (or a wrong one), time passing. A script
 * that ends while the flow still asks is followed by silence, as a caller who just waits: the flow
 * decides (a person, or goodbye) instead of every such call counting as abandoned.
 */
function callerEntries(script: Scenario, sent: () => ReadonlyArray<{ to: string; body: string; kind: string }>, clock: SimulatedClock) {
  const steps: Step[] = script.steps.filter((s) => s.do !== 'hear' && s.do !== 'reach');
  const pending: GatherAnswer[] = [];
  let waited = 0;
  return (spec: DigitsAwait | undefined): GatherAnswer | undefined => {
    while (pending.length === 0) {
      const step = steps.shift();
      if (!step) return waited++ < MAX_SILENCES_AFTER_SCRIPT ? '' : undefined;
      if (step.do === 'hangUp') return undefined;
      if (step.do === 'press') pending.push(...step.keys.split(/\s+/).filter(Boolean));
      else if (step.do === 'silence') pending.push('_');
      else if (step.do === 'say') pending.push({ say: step.text, ...(step.confidence !== undefined ? { confidence: step.confidence } : {}) });
      else if (step.do === 'record') pending.push(step.seconds > 0 ? 'message' : '_');
      else if (step.do === 'wait') clock.advance(step.minutes * 60_000);
      else if (step.do === 'enterCode') {
        const code = [...sent()].reverse().find((m) => m.to === step.sentTo && m.kind === 'otp')?.body.match(/\d{6}/)?.[0];
        if (!code) return undefined;
        pending.push(step.wrong ? code.replace(/\d/g, (d) => String((Number(d) + 1) % 10)) : code);
      }
    }
    const entry = pending.shift()!;
    if (entry === '_') return '';
    return spec ? entry : 'message';
  };
}
