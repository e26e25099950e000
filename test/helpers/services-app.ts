import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Config } from '../../src/config/config';
import type { Project } from '../../src/flow/load/load-project';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { createServices } from '../../src/server/create-services';
import { createLogger } from '../../src/server/logger';
import { createMetrics } from '../../src/metrics/ivr-metrics';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio';
import { postSigned, TwilioCaller } from './twilio-caller';
import { ADMIN_TOKEN, AUTH_TOKEN, testConfig, type LogLines } from './webhook-app';

export const PUBLIC_BASE_URL = 'http://localhost:3000';
/** The general line, as dialled. */
export const GENERAL = '400-0066-888';
/** Monday 2026-11-23 10:00 in Beijing: every line open, outside the general line's evening peak. */
export const MORNING = '2026-11-23T10:00:00+08:00';

let shipped: Project | undefined;
/** The shipped flows in flows/, loaded once per test file. */
export function shippedProject(): Project {
  shipped ??= loadProjectOrThrow('flows');
  return shipped;
}

/**
 * A place for one test's servers: a temp directory for the SQLite file and a fake Twilio REST API
 * that receives the SMS. Servers started here share the file (a restart is a new `server()`).
 */
export async function servicesWorld(opts: { at?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-services-'));
  const twilio: FakeTwilio = await startFakeTwilio({ authToken: AUTH_TOKEN });
  const clock = new SimulatedClock(parseInstant(opts.at ?? MORNING));
  const servers: { close(): Promise<void> }[] = [];
  let smsSeq = 0;

  /** A server as `ivr serve` builds it: SQLite file, migrations, accounts, Twilio SMS. No timers: tests flush. */
  function server(o: { env?: Record<string, string>; config?: Partial<Config> } = {}) {
    const config = testConfig(
      {
        DATABASE_URL: `sqlite:${join(dir, 'data', 'ivr.db')}`,
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_API_BASE_URL: twilio.baseUrl,
        SMS_FLUSH_INTERVAL_MS: '0',
        ...o.env,
      },
      o.config,
    );
    const project = shippedProject();
    const logs: LogLines = [];
    const logger = createLogger(config.logLevel, { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) });
    const metrics = createMetrics();
    const services = createServices(config, { project, clock, logger, timers: false, metrics });
    servers.push(services);
    const app = createApp({ config, project, clock, services, logger, metrics });
    return {
      app,
      config,
      services,
      logs,
      /** A caller dialling `to` (default the general line) from `from`. */
      caller: (from: string, to = GENERAL, extra: { fromCountry?: string; sid?: string } = {}) =>
        new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, to, from, ...extra }),
      /** The Prometheus text of GET /metrics (the admin token is the metrics token here). */
      scrape: async () => (await request(app).get('/metrics').set('Authorization', `Bearer ${config.metricsToken}`)).text,
      /** The admin API with the admin token. */
      admin: {
        get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`),
        patch: (path: string, body: object) => request(app).patch(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body),
      },
      /** The caller texts `body` to one of our numbers; answers the <Message> we texted back, if any. */
      async textBack(from: string, body: string, to = '+8610690000001') {
        const res = await postSigned(app, {
          url: `${PUBLIC_BASE_URL}/twilio/sms`,
          params: { MessageSid: `SM${String(++smsSeq).padStart(32, '0')}`, AccountSid: twilio.accountSid, From: from, To: to, Body: body },
          authToken: AUTH_TOKEN,
        });
        const message = /<Message>([^<]*)<\/Message>/.exec(res.text)?.[1];
        return { status: res.status, body: res.text, ...(message !== undefined ? { message } : {}) };
      },
      /** One run of the SMS sender, as the server's interval would do it. */
      flush: () => services.outboxSender!.flush(),
      close: () => services.close(),
    };
  }

  return {
    dir,
    twilio,
    clock,
    server,
    /** The one-time code in the last SMS Twilio received for `phone`. */
    codeSentTo(phone: string): string {
      const sms = [...twilio.messages].reverse().find((m) => m.to === phone && /\d{6}/.test(m.body) && /验证码|verification code/.test(m.body));
      if (!sms) throw new Error(`no verification code was texted to ${phone}; texts: ${JSON.stringify(twilio.messages.map((m) => m.body))}`);
      return sms.body.match(/\d{6}/)![0];
    },
    /**
     * Rings the general line, chooses account problems, has the code texted to this phone and keys
     * it: the caller is at the account menu.
     */
    async reachAccountMenu(caller: TwilioCaller, phone: string): Promise<void> {
      await caller.ring();
      await caller.press('1');
      await caller.press('1');
      await caller.press(this.codeSentTo(phone));
      if (!caller.heard().includes('身份验证成功。')) throw new Error(`the caller was not verified; heard ${JSON.stringify(caller.heard())}`);
    },
    /** The texts Twilio received for `phone`, in order. */
    textsTo: (phone: string) => twilio.messages.filter((m) => m.to === phone).map((m) => m.body),
    async close() {
      for (const s of servers.splice(0)) await s.close();
      await twilio.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type ServicesWorld = Awaited<ReturnType<typeof servicesWorld>>;

/** A code that is not `code`. */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}
