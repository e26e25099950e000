import request from 'supertest';
import type { Config } from '../../src/config/config';
import type { Project } from '../../src/flow/load/load-project';
import { createMetrics } from '../../src/metrics/ivr-metrics';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { createServices } from '../../src/server/create-services';
import { createLogger } from '../../src/server/logger';
import { recordingSmsSender, type SmsMessage, type SmsSender } from '../../src/services/sms/sms-sender';
import { PUBLIC_BASE_URL, shippedProject, MORNING, GENERAL } from '../helpers/services-app';
import { postSigned, TwilioCaller } from '../helpers/twilio-caller';
import { ADMIN_TOKEN, AUTH_TOKEN, testConfig, type LogLines } from '../helpers/webhook-app';

/**
 * One server as `ivr serve` builds it, in memory, with its own metrics registry, a simulated
 * clock, recorded SMS (a kind may be made to fail) and captured logs: for the operations tests.
 */
export function opsApp(opts: { at?: string; project?: Project; env?: Record<string, string>; config?: Partial<Config>; failSms?: (m: SmsMessage) => boolean; processMetrics?: boolean } = {}) {
  const config = testConfig(opts.env, opts.config);
  const project = opts.project ?? shippedProject();
  const clock = new SimulatedClock(parseInstant(opts.at ?? MORNING));
  const recorded = recordingSmsSender();
  const sms: SmsSender = {
    async send(m) {
      if (opts.failSms?.(m)) throw new Error(`the SMS provider refused the ${m.kind} SMS`);
      return recorded.send(m);
    },
  };
  const logs: LogLines = [];
  const logger = createLogger(config.logLevel, { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) });
  const metrics = createMetrics({ processMetrics: opts.processMetrics ?? false });
  const services = createServices(config, { project, clock, logger, smsSender: sms, timers: false, metrics });
  const app = createApp({ config, project, clock, services, logger, metrics });
  let smsSeq = 0;
  return {
    app,
    config,
    clock,
    services,
    logs,
    sent: recorded.sent,
    caller: (from: string, to = GENERAL) => new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, to, from }),
    /** The one-time code last texted to `phone`. */
    codeSentTo(phone: string): string {
      const otp = [...recorded.sent].reverse().find((m) => m.kind === 'otp' && m.to === phone);
      if (!otp) throw new Error(`no code was texted to ${phone}`);
      return otp.body.match(/\d{6}/)![0];
    },
    textBack: (from: string, body: string, to = '+8610690000001') =>
      postSigned(app, {
        url: `${PUBLIC_BASE_URL}/twilio/sms`,
        params: { MessageSid: `SM${String(++smsSeq).padStart(32, '0')}`, From: from, To: to, Body: body },
        authToken: AUTH_TOKEN,
      }),
    admin: (path: string) => request(app).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`),
    close: () => services.close(),
  };
}
export type OpsApp = ReturnType<typeof opsApp>;

/** One sample of a Prometheus text exposition. */
export type Sample = { name: string; labels: Record<string, string>; value: number };

export function parseSamples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of the sample with exactly these labels, undefined when there is none. */
export function sampleValue(all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels);
  return all.find((s) => s.name === name && Object.keys(s.labels).length === want.length && want.every(([k, v]) => s.labels[k] === v))?.value;
}
