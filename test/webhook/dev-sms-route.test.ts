import request from 'supertest';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createCallSmsLog } from '../../src/services/sms/call-sms-log';
import { recordingSmsSender } from '../../src/services/sms/sms-sender';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { TwilioCaller } from '../helpers/twilio-caller';
import { ADMIN_TOKEN, AUTH_TOKEN, DEMO_LINE, FIXTURE_FLOWS, OPEN_HOURS, testConfig, testServices, webhookApp } from '../helpers/webhook-app';

const publicBaseUrl = 'http://localhost:3000';
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const PRODUCTION = { NODE_ENV: 'production', PUBLIC_BASE_URL: publicBaseUrl, TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, OTP_SECRET: 'a-production-otp-secret-of-32-characters' };

/** Two callers on the demo line who each ask for a code to the phone they call from. */
async function twoCodes(env: ReturnType<typeof webhookApp>) {
  const callers = [new TwilioCaller(env.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE, from: '+8613800138000' }), new TwilioCaller(env.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE, from: '+8613700137000' })];
  for (const caller of callers) {
    await caller.ring();
    await caller.press('1');
    await caller.press('1');
  }
  return callers;
}

describe('GET /api/dev/calls/:callSid/sms (development only)', () => {
  it("answers the call's own SMS, code in clear and number masked, and none of another call's", async () => {
    const env = webhookApp();
    const [zhang, li] = await twoCodes(env);
    const sent = env.services.sms.sent.filter((m) => m.kind === 'otp');
    expect(sent).toHaveLength(2);

    const res = await request(env.app).get(`/api/dev/calls/${zhang.sid}/sms`).set(auth);
    expect(res.status).toBe(200);
    expect(res.get('Cache-Control')).toBe('no-store');
    expect(res.body.sms).toEqual([expect.objectContaining({ to: '138****8000', kind: 'otp', body: sent.find((m) => m.to === '+8613800138000')!.body })]);
    expect(JSON.stringify(res.body)).not.toContain(sent.find((m) => m.to === '+8613700137000')!.body);

    const lis = await request(env.app).get(`/api/dev/calls/${li.sid}/sms`).set(auth);
    expect(lis.body.sms.map((m: { to: string }) => m.to)).toEqual(['137****7000']);
    // Only what the caller has not seen yet.
    expect((await request(env.app).get(`/api/dev/calls/${li.sid}/sms`).query({ after: lis.body.sms[0].seq }).set(auth)).body).toEqual({ sms: [] });
    // An unknown call has sent nothing.
    expect((await request(env.app).get(`/api/dev/calls/CA${'0'.repeat(32)}/sms`).set(auth)).body).toEqual({ sms: [] });
  });

  it('refuses without the admin token, and a path or query that is not a call SID or a seq', async () => {
    const env = webhookApp();
    const [zhang] = await twoCodes(env);
    expect((await request(env.app).get(`/api/dev/calls/${zhang.sid}/sms`)).status).toBe(401);
    expect((await request(env.app).get(`/api/dev/calls/${zhang.sid}/sms`).set('Authorization', `Bearer ${ADMIN_TOKEN}x`)).status).toBe(401);
    expect((await request(env.app).get('/api/dev/calls/ticket/sms').set(auth)).status).toBe(400);
    expect((await request(env.app).get(`/api/dev/calls/${zhang.sid}/sms`).query({ after: '-1' }).set(auth)).status).toBe(400);
    expect((await request(env.app).get(`/api/dev/calls/${zhang.sid}/sms`).query({ callSid: 'CA1' }).set(auth)).status).toBe(400);
  });

  it('does not exist in production (404 with the right token): no log is kept, and services that keep one are not read', async () => {
    const prod = webhookApp({ env: PRODUCTION });
    expect(prod.config.env).toBe('production');
    expect(prod.services.callSms).toBeUndefined();
    const [zhang] = await twoCodes(prod);
    expect(prod.services.sms.sent.some((m) => m.kind === 'otp')).toBe(true);
    const res = await request(prod.app).get(`/api/dev/calls/${zhang.sid}/sms`).set(auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: `no route GET /api/dev/calls/${zhang.sid}/sms` });

    // Services built by a development configuration, behind a production app: still no route.
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const devServices = testServices({ config: testConfig(), project: loadProjectOrThrow(FIXTURE_FLOWS), clock });
    expect(devServices.callSms).toBeDefined();
    const mixed = webhookApp({ env: PRODUCTION, services: devServices, clock });
    const [li] = await twoCodes(mixed);
    expect(devServices.callSms!.of(li.sid)).toHaveLength(1);
    expect((await request(mixed.app).get(`/api/dev/calls/${li.sid}/sms`).set(auth)).status).toBe(404);
  });
});

describe('the call SMS log', () => {
  it('keeps only SMS keyed by a call, for an hour, at most `max` of them', async () => {
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const log = createCallSmsLog({ clock, max: 2 });
    const sms = log.tap(recordingSmsSender());
    const text = (key: string) => sms.send({ key, to: '+8613800138000', from: '106', body: `text ${key}`, kind: 'ticket_result' });
    await text('ticket/12345678/resolved');
    await text('CAone/1.0');
    expect(log.of('ticket')).toEqual([]);
    expect(log.of('CAone').map((m) => m.body)).toEqual(['text CAone/1.0']);
    await text('CAtwo/1.0');
    await text('CAtwo/2.0');
    expect(log.of('CAone')).toEqual([]);
    expect(log.of('CAtwo')).toHaveLength(2);
    clock.advance(60 * 60_000 + 1);
    expect(log.of('CAtwo')).toEqual([]);
  });
});
