import type { DestinationStream } from 'pino';
import type { EffectHandlers } from '../../src/call/effect-handlers';
import { loadConfig, type Config } from '../../src/config/config';
import type { Project } from '../../src/flow/load/load-project';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { createServices, type Services } from '../../src/server/create-services';
import { recordingSmsSender, type SmsMessage, type SmsSender } from '../../src/services/sms/sms-sender';
import type { FlowVersions } from '../../src/server/flow-versions';
import { createLogger } from '../../src/server/logger';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import type { CallStore } from '../../src/stores/calls/call-store';
import { separateTurnStore } from '../../src/stores/turns/turn-store';
import type { SessionStore } from '../../src/stores/session/session-store';

export const FIXTURE_FLOWS = 'test/fixtures/flows/good';
/** The demo line (400-000-0000) is open 08:00–24:00 Asia/Shanghai. */
export const DEMO_LINE = '+864000000000';
export const OPEN_HOURS = '2026-11-23T21:00:00+08:00';
export const CLOSED_HOURS = '2026-11-23T03:00:00+08:00';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const AUTH_TOKEN = 'test-auth-token';

/** The test configuration: what `ivr serve` would read, with test tokens and overrides. */
export function testConfig(env: Record<string, string> = {}, overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: 'memory:', TWILIO_AUTH_TOKEN: AUTH_TOKEN, ADMIN_TOKEN, ...env }),
    ...overrides,
  };
}

/** Log lines the app wrote, parsed. */
export type LogLines = Array<Record<string, unknown>>;
function captureLogs(): { lines: LogLines; stream: DestinationStream } {
  const lines: LogLines = [];
  return { lines, stream: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } };
}

export type WebhookAppOptions = {
  at?: string;
  env?: Record<string, string>;
  config?: Partial<Config>;
  project?: Project;
  flows?: FlowVersions;
  sessions?: SessionStore;
  calls?: CallStore;
  clock?: SimulatedClock;
  services?: TestServices;
  /** Replace some effect handlers (a failing SMS service, a slow ticket store). */
  handlers?: Partial<EffectHandlers>;
};

/** Services in memory mode whose SMS are recorded (`sms.sent`) instead of sent. */
export type TestServices = Services & { sms: SmsSender & { sent: SmsMessage[] } };

export function testServices(opts: { config?: Config; project: Project; clock: SimulatedClock; sessions?: SessionStore; calls?: CallStore }): TestServices {
  const sms = recordingSmsSender();
  const services = createServices(opts.config ?? testConfig(), {
    project: opts.project,
    clock: opts.clock,
    smsSender: sms,
    ...(opts.sessions ? { sessions: opts.sessions } : {}),
    ...(opts.calls ? { calls: opts.calls } : {}),
    timers: false,
  });
  return { ...services, sms };
}

/** The webhook app over the fixture flows, with a simulated clock, memory stores and captured logs. */
export function webhookApp(opts: WebhookAppOptions = {}) {
  const config = testConfig(opts.env, opts.config);
  const project = opts.project ?? loadProjectOrThrow(FIXTURE_FLOWS);
  const clock = opts.clock ?? new SimulatedClock(parseInstant(opts.at ?? OPEN_HOURS));
  const built = opts.services ?? testServices({ config, project, clock, ...(opts.sessions ? { sessions: opts.sessions } : {}), ...(opts.calls ? { calls: opts.calls } : {}) });
  // Shared services with this server's own call stores (two servers on one database). Closing a
  // call (the status callback) still goes to the shared services' own call store.
  const sessions = opts.services && opts.sessions ? opts.sessions : built.sessions;
  const calls = opts.services && opts.calls ? opts.calls : built.calls;
  const services: TestServices = {
    ...built,
    sessions,
    calls,
    // This server's own stores write its turns, one after the other.
    turns: sessions === built.sessions && calls === built.calls ? built.turns : separateTurnStore(sessions, calls),
    handlers: { ...built.handlers, ...opts.handlers },
  };
  const logs = captureLogs();
  const app = createApp({
    config,
    project,
    clock,
    ...(opts.flows ? { flows: opts.flows } : {}),
    services,
    logger: createLogger(config.logLevel, logs.stream),
  });
  return { app, config, project, clock, services, sessions: services.sessions, calls: services.calls, logs: logs.lines };
}
