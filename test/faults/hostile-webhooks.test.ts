import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { openServices } from '../../src/server/open-services';
import { createLogger } from '../../src/server/logger';
import { createMetrics } from '../../src/metrics/ivr-metrics';
import type { Services } from '../../src/server/create-services';
import { openSqlite } from '../../src/stores/sqlite/open-sqlite';
import { describeWith, testSchema } from '../helpers/external-services';
import { postSigned, TwilioCaller } from '../helpers/twilio-caller';
import { ADMIN_TOKEN, AUTH_TOKEN, testConfig, type LogLines } from '../helpers/webhook-app';
import { GENERAL, MORNING, PUBLIC_BASE_URL, shippedProject } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const FOUR_HUNDRED_DIGITS = '9'.repeat(400);

/** A server as `ivr serve` builds it on DATABASE_URL (openServices: PostgreSQL is migrated first). */
async function serverOn(databaseUrl: string) {
  const config = testConfig({ DATABASE_URL: databaseUrl, SMS_FLUSH_INTERVAL_MS: '0' });
  const project = shippedProject();
  const clock = new SimulatedClock(parseInstant(MORNING));
  const logs: LogLines = [];
  const logger = createLogger(config.logLevel, { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) });
  const metrics = createMetrics();
  const services: Services = await openServices(config, { project, clock, logger, metrics, timers: false });
  const app = createApp({ config, project, clock, services, logger, metrics });
  const admin = (path: string) => request(app).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  const post = (path: string, params: Record<string, string>) => postSigned(app, { url: `${PUBLIC_BASE_URL}${path}`, params, authToken: AUTH_TOKEN });
  const caller = (from: string) => new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, to: GENERAL, from });
  return { app, services, logs, metrics, admin, post, caller, close: () => services.close() };
}
type Server = Awaited<ReturnType<typeof serverOn>>;

/** Every admin read that lists or reports over call records. */
async function adminAnswers(s: Server): Promise<number[]> {
  const paths = ['/api/calls', '/api/reports?from=2026-11-23&to=2026-11-24', '/api/flows', '/api/tickets?status=open'];
  return Promise.all(paths.map(async (p) => (await s.admin(p)).status));
}

function hostileWebhooks(store: string, url: () => Promise<string>, corrupt?: (callSid: string) => Promise<void>) {
  describe(`hostile webhooks on ${store}`, () => {
    let s: Server;
    beforeAll(async () => {
      s = await serverOn(await url());
    }, 30_000);
    afterAll(() => s?.close());

    it('refuses a status callback whose CallDuration has 400 digits, then closes the call on a sane one; the admin API keeps answering', async () => {
      const c = s.caller(ZHANG);
      expect((await c.ring()).status).toBe(200);
      const poisoned = await s.post('/twilio/status', { CallSid: c.sid, CallStatus: 'completed', CallDuration: FOUR_HUNDRED_DIGITS });
      expect(poisoned.status).toBe(400);
      expect(poisoned.body.error).toMatch(/CallDuration must be a whole number from 0 to 86400/);
      expect((await s.post('/twilio/status', { CallSid: c.sid, CallStatus: 'completed', CallDuration: '-5' })).status).toBe(400);
      expect((await s.post('/twilio/status', { CallSid: c.sid, CallStatus: 'completed', CallDuration: '61' })).status).toBe(200);
      const one = await s.admin(`/api/calls/${c.sid}`);
      expect(one.status).toBe(200);
      expect(one.body.call).toMatchObject({ status: 'completed', durationSec: 61 });
      expect(await adminAnswers(s)).toEqual([200, 200, 200, 200]);
    });

    it('answers a call whose From and keys carry NUL bytes as a normal call, and stores the number without them', async () => {
      const c = s.caller(`+86138001\u000038000`);
      const rang = await c.ring();
      expect(rang.status).toBe(200);
      expect(c.heard().join('')).toContain('账号问题请按1');
      const pressed = await c.press('1\u0000');
      expect(pressed.status).toBe(200);
      expect(c.heard().join('')).not.toMatch(/抱歉|sorry/i);
      const one = await s.admin(`/api/calls/${c.sid}`);
      expect(one.status).toBe(200);
      expect(one.body.call.caller).toBe(ZHANG);
      expect(one.body.call.faults).toBe(0);
      expect(await adminAnswers(s)).toEqual([200, 200, 200, 200]);
    });

    it('answers an SMS whose body and From carry NUL bytes and escape codes like any other reply', async () => {
      const res = await s.post('/twilio/sms', { MessageSid: `SM${'1'.repeat(32)}`, From: `+86138\u00000138000`, To: '+8610690000001', Body: 'gre\u0000at\u001b[2J service' });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^<\?xml/);
      expect(await adminAnswers(s)).toEqual([200, 200, 200, 200]);
    });

    // Memory keeps records as the process wrote them: nothing to corrupt there.
    if (corrupt) it('leaves a call record that no longer decodes out of lists and reports, answering an error for that call alone (logged, counted)', async () => {
      const good = s.caller('+8613700137000');
      const bad = s.caller('+8613600136000');
      await good.ring();
      await bad.ring();
      await corrupt!(bad.sid); // as the 400-digit CallDuration used to leave it: durationSec null
      expect(await adminAnswers(s)).toEqual([200, 200, 200, 200]);
      const listed = (await s.admin('/api/calls')).body.calls.map((c: { callSid: string }) => c.callSid);
      expect(listed).toContain(good.sid);
      expect(listed).not.toContain(bad.sid);
      const one = await s.admin(`/api/calls/${bad.sid}`);
      expect(one.status).toBe(500);
      expect(one.body.error).toMatch(new RegExp(`call ${bad.sid} does not decode \\(durationSec`));
      expect((await s.admin(`/api/calls/${good.sid}`)).status).toBe(200);
      expect((await s.post('/twilio/status', { CallSid: bad.sid, CallStatus: 'completed', CallDuration: '30' })).status).toBe(200);
      expect(s.logs.some((l) => l.msg === 'a stored call record does not decode; left out of the listing' && l.callSid === bad.sid)).toBe(true);
      expect(await s.metrics.registry.getSingleMetricAsString('ivr_call_record_problems_total')).toMatch(/kind="undecodable"} [1-9]/);
    });

    it('answers admin queries carrying NUL bytes without a 5xx', async () => {
      for (const path of ['/api/tickets?phone=%2B86138%0000138000', '/api/calls?hotline=gen%00eral', '/api/calls/CA%00123', '/api/tickets/1234%005678']) {
        expect([path, (await s.admin(path)).status < 500]).toEqual([path, true]);
      }
    });

    it('treats a recording length of 400 digits as unknown, not as a failed turn', async () => {
      const c = s.caller('+8613900139000');
      await c.ring();
      const res = await c.post(`${PUBLIC_BASE_URL}/twilio/voice`, { CallSid: c.sid, To: GENERAL, From: '+8613900139000', RecordingDuration: FOUR_HUNDRED_DIGITS, CallDuration: FOUR_HUNDRED_DIGITS });
      expect(res.status).toBe(200);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ivr-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

hostileWebhooks('memory', async () => 'memory:');
hostileWebhooks('SQLite', async () => `sqlite:${join(dir, 'ivr.db')}`, async (callSid) => {
  const db = openSqlite(join(dir, 'ivr.db'));
  db.prepare("UPDATE calls SET data = json_set(data, '$.durationSec', json('null')) WHERE call_sid = ?").run(callSid);
  db.close();
});
describeWith({ postgres: true }, 'on PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  hostileWebhooks('PostgreSQL', async () => {
    await db.open();
    return db.url;
  }, async (callSid) => {
    await (await db.open()).query(`UPDATE calls SET data = jsonb_set(data, '{durationSec}', 'null') WHERE call_sid = $1`, [callSid]);
  });
});
