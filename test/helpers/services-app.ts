import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import request from 'supertest';
import type { Config } from '../../src/config/config';
import type { Project } from '../../src/flow/load/load-project';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { createServices, type Services } from '../../src/server/create-services';
import { openServices } from '../../src/server/open-services';
import { createLogger } from '../../src/server/logger';
import { createMetrics, type IvrMetrics } from '../../src/metrics/ivr-metrics';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio';
import { TwilioCaller } from './twilio-caller';
import { ADMIN_TOKEN, AUTH_TOKEN, testConfig, type LogLines } from './webhook-app';
import { testSchema } from './external-services';

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
  const clock = new SimulatedClock(parseInstant(opts.at ?? MORNING));
  // Its queues' wait times read the test's clock.
  const twilio: FakeTwilio = await startFakeTwilio({ authToken: AUTH_TOKEN, now: () => clock.now() });
  const servers: { close(): Promise<void> }[] = [];

  /** `project`: other flows or call-centre settings than the shipped ones (agents, queue limits). */
  type ServerOptions = { env?: Record<string, string>; config?: Partial<Config>; project?: Project };
  const configFor = (o: ServerOptions) =>
    testConfig(
      {
        DATABASE_URL: `sqlite:${join(dir, 'data', 'ivr.db')}`,
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_API_BASE_URL: twilio.baseUrl,
        SMS_FLUSH_INTERVAL_MS: '0',
        ...o.env,
      },
      o.config,
    );
  const depsFor = (config: Config) => {
    const logs: LogLines = [];
    const logger = createLogger(config.logLevel, { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) });
    // Its own metrics, shared by the services and the app: /metrics shows what the services count (SMS refusals).
    const metrics = createMetrics();
    return { logs, deps: { project: shippedProject(), clock, logger, timers: false as const, metrics } };
  };
  const withProject = (o: ServerOptions, deps: ReturnType<typeof depsFor>['deps']) => (o.project ? { ...deps, project: o.project } : deps);

  /** A server as `ivr serve` builds it: SQLite file, migrations, accounts, Twilio SMS. No timers: tests flush. */
  function server(o: ServerOptions = {}) {
    const config = configFor(o);
    const { logs, deps: shipped } = depsFor(config);
    const deps = withProject(o, shipped);
    return assemble(config, createServices(config, deps), logs, deps.logger, deps.metrics, deps.project);
  }

  /** The same, opened as `ivr serve` opens any store: what a PostgreSQL DATABASE_URL (env) needs. */
  async function openServer(o: ServerOptions = {}) {
    const config = configFor(o);
    const { logs, deps: shipped } = depsFor(config);
    const deps = withProject(o, shipped);
    return assemble(config, await openServices(config, deps), logs, deps.logger, deps.metrics, deps.project);
  }

  function assemble(config: Config, services: Services, logs: LogLines, logger: Logger, metrics: IvrMetrics, project: Project = shippedProject()) {
    const app = createApp({ config, project, clock, services, logger, metrics });
    // Listening only once a test texts in: the fake Twilio delivers SMS webhooks over HTTP.
    let listening: Promise<{ server: Server; url: string }> | undefined;
    const listen = () =>
      (listening ??= new Promise((resolve) => {
        const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
      }));
    const close = async () => {
      if (listening) {
        const { server } = await listening;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await services.close();
    };
    servers.push({ close });
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
      /**
       * The caller texts `body` to one of our numbers: the fake Twilio posts the signed webhook to
       * this server over HTTP and texts back what it answers (counted in `twilio.messages`).
       * `message`: the text sent back, if any. `messageSid` delivers an SMS again.
       */
      async textBack(from: string, body: string, to = '+8610690000001', opts: { messageSid?: string } = {}) {
        const { url } = await listen();
        const got = await twilio.receiveSms({ deliverTo: `${url}/twilio/sms`, signedUrl: `${PUBLIC_BASE_URL}/twilio/sms`, from, to, body, ...opts });
        return { status: got.status, messageSid: got.messageSid, replies: got.replies, ...(got.replies.length ? { message: got.replies.join('\n') } : {}) };
      },
      /** One run of the SMS sender, as the server's interval would do it. */
      flush: () => services.outboxSender!.flush(),
      /** One run of the dialler (call backs due now), as the server's interval would do it. */
      dial: () => services.dialler.flush(),
      /** One run of the progress SMS of system faults. */
      sendProgress: () => services.progressTexter.flush(),
      /** The fake Twilio plays the callee of every call placed so far, fetching this server's TwiML over HTTP. */
      async connectCalls(opts: { statusCallbacks?: boolean } = {}) {
        const { url } = await listen();
        return twilio.connectCalls({ deliver: (u) => u.replace(PUBLIC_BASE_URL, url), ...opts });
      },
      close,
    };
  }

  return {
    dir,
    twilio,
    clock,
    server,
    openServer,
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

/**
 * Inside a describe of servers sharing PostgreSQL: each test gets a fresh schema and a world;
 * `servers(env)` opens two servers on that schema (DATABASE_URL), with any other settings given.
 */
export function postgresWorld() {
  const db = testSchema();
  let current: ServicesWorld | undefined;
  beforeEach(async () => {
    await db.fresh();
    current = await servicesWorld();
  });
  afterEach(() => current?.close());
  afterAll(() => db.drop());
  const world = (): ServicesWorld => {
    if (!current) throw new Error('postgresWorld: the world exists only inside a test');
    return current;
  };
  return {
    db,
    world,
    servers: (env: Record<string, string> = {}) => Promise.all([world().openServer({ env: { DATABASE_URL: db.url, ...env } }), world().openServer({ env: { DATABASE_URL: db.url, ...env } })]),
  };
}
