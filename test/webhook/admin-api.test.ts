import request from 'supertest';
import { ADMIN_TOKEN, AUTH_TOKEN, DEMO_LINE, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller } from '../helpers/twilio-caller';

const publicBaseUrl = 'http://localhost:3000';
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function twoCalls() {
  const env = webhookApp();
  const first = new TwilioCaller(env.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
  await first.ring();
  env.clock.advance(60 * 60_000);
  const second = new TwilioCaller(env.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE, from: '+14155550100' });
  await second.ring();
  return { ...env, first, second };
}

describe('the admin API', () => {
  it('refuses a request without the admin token with 401', async () => {
    const { app } = webhookApp();
    const res = await request(app).get('/api/calls');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'send Authorization: Bearer <ADMIN_TOKEN>' });
  });

  it('refuses a wrong token with 401', async () => {
    const { app } = webhookApp();
    expect((await request(app).get('/api/calls').set('Authorization', `Bearer ${ADMIN_TOKEN}x`)).status).toBe(401);
    expect((await request(app).get('/api/calls').set('Authorization', 'Bearer short')).status).toBe(401);
    expect((await request(app).get('/api/calls').set('Authorization', ADMIN_TOKEN)).status).toBe(401);
  });

  it('lists calls newest first, filtered by time and hotline', async () => {
    const { app, first, second } = await twoCalls();
    const all = await request(app).get('/api/calls').set(auth);
    expect(all.status).toBe(200);
    expect(all.body.calls.map((c: { callSid: string }) => c.callSid)).toEqual([second.sid, first.sid]);

    const early = await request(app).get('/api/calls').query({ from: '2026-11-23T20:30:00+08:00', to: '2026-11-23T21:30:00+08:00' }).set(auth);
    expect(early.body.calls.map((c: { callSid: string }) => c.callSid)).toEqual([first.sid]);

    const other = await request(app).get('/api/calls').query({ hotline: 'general' }).set(auth);
    expect(other.body.calls).toEqual([]);
  });

  it('pages through calls: limit, offset and the offset of the next page, at most 500 a page', async () => {
    const env = webhookApp();
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const caller = new TwilioCaller(env.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
      await caller.ring();
      sids.unshift(caller.sid);
      env.clock.advance(60_000);
    }
    const page = (query: Record<string, number>) => request(env.app).get('/api/calls').query(query).set(auth);
    const first = await page({ limit: 2 });
    expect(first.body.calls.map((c: { callSid: string }) => c.callSid)).toEqual(sids.slice(0, 2));
    expect(first.body.page).toEqual({ limit: 2, offset: 0, next: 2 });
    const second = await page({ limit: 2, offset: first.body.page.next });
    expect(second.body.calls.map((c: { callSid: string }) => c.callSid)).toEqual(sids.slice(2, 4));
    const last = await page({ limit: 2, offset: 4 });
    expect(last.body.calls.map((c: { callSid: string }) => c.callSid)).toEqual(sids.slice(4));
    expect(last.body.page).toEqual({ limit: 2, offset: 4, next: null });
    expect((await page({})).body.page).toEqual({ limit: 100, offset: 0, next: null });
    expect((await page({ limit: 501 })).body).toEqual({ error: 'limit is at most 500' });
    expect((await page({ offset: 100_001 })).body).toEqual({ error: 'offset is at most 100000: narrow the query instead' });
  });

  it('gives every time as ISO 8601 with its offset beside the epoch milliseconds', async () => {
    const { app, second } = await twoCalls();
    const { call } = (await request(app).get(`/api/calls/${second.sid}`).set(auth)).body;
    expect(call.startedAtIso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(Date.parse(call.startedAtIso)).toBe(call.startedAt);
    expect(Date.parse(call.turns[0].atIso)).toBe(call.turns[0].at);
    const listed = (await request(app).get('/api/calls').set(auth)).body.calls[0];
    expect(listed.startedAtIso).toBe(call.startedAtIso);
  });

  it('shows one call with its caller, path and turns', async () => {
    const { app, second } = await twoCalls();
    const res = await request(app).get(`/api/calls/${second.sid}`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body.call).toMatchObject({ callSid: second.sid, hotline: 'demo', caller: '+14155550100', callerCountry: 'US', status: 'in-progress', path: ['welcome', 'main'] });
  });

  it('says what is wrong with a bad query, as JSON', async () => {
    const { app } = webhookApp();
    const res = await request(app).get('/api/calls').query({ from: 'yesterday' }).set(auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('from must be an ISO 8601 time with a zone, e.g. 2026-11-23T00:00:00+08:00');
    expect((await request(app).get('/api/calls/nope').set(auth)).status).toBe(400);
    const missing = await request(app).get(`/api/calls/CA${'f'.repeat(32)}`).set(auth);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: `no call CA${'f'.repeat(32)}` });
  });
});
