import { ADMIN_TOKEN, AUTH_TOKEN, CLOSED_HOURS, DEMO_LINE, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller, newCallSid, postSigned, said, shape } from '../helpers/twilio-caller';
import request from 'supertest';

const publicBaseUrl = 'http://localhost:3000';

describe('requests that are not a call we can serve', () => {
  it('answers a signed body without CallSid with 400 and a one-line reason', async () => {
    const { app } = webhookApp();
    const res = await postSigned(app, { url: `${publicBaseUrl}/twilio/voice`, params: { To: DEMO_LINE, From: '+8613800138000' }, authToken: AUTH_TOKEN });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'not a Twilio webhook: CallSid is missing' });
  });

  it('answers a body without To with 400', async () => {
    const { app } = webhookApp();
    const res = await postSigned(app, { url: `${publicBaseUrl}/twilio/voice`, params: { CallSid: newCallSid() }, authToken: AUTH_TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('not a Twilio webhook: To is missing');
  });

  it('answers an action URL without a turn number with 400', async () => {
    const { app } = webhookApp();
    const res = await postSigned(app, { url: `${publicBaseUrl}/twilio/voice/turn?n=first`, params: { CallSid: newCallSid(), To: DEMO_LINE }, authToken: AUTH_TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^not one of our action URLs/);
  });

  it('tells a caller who dialled a number we do not serve that it is not in service, and hangs up', async () => {
    const { app, calls } = webhookApp();
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: '+864009999999' });
    const answer = await caller.ring();
    expect(answer.status).toBe(200);
    expect(shape(answer.verbs)).toEqual(['Say', 'Say', 'Hangup']);
    expect(said(answer.verbs)).toEqual([
      '您拨打的号码暂未开通服务，请核对后再拨。',
      'The number you have dialled is not in service. Please check the number and try again.',
    ]);
    expect(await calls.get(caller.sid)).toBeUndefined();
  });

  it('plays the after-hours flow when the line is closed and records the call as after-hours', async () => {
    const { app } = webhookApp({ at: CLOSED_HOURS });
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    const answer = await caller.ring();
    expect(said(answer.verbs)).toEqual(['本热线服务时间为每天8:00至24:00，请在服务时间内来电。', '感谢来电，再见。']);
    expect(shape(answer.verbs)).toEqual(['Say', 'Say', 'Hangup']);
    await caller.hangUp('completed', 9);
    const { body } = await request(app).get(`/api/calls/${caller.sid}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(body.call).toMatchObject({ afterHours: true, outcome: 'after-hours', flowId: 'demo_closed' });
  });

  it('answers an unknown route with 404 as JSON', async () => {
    const { app } = webhookApp();
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'no route GET /nowhere' });
  });
});

describe('health probes', () => {
  it('is alive, and ready when flows are loaded and the stores answer', async () => {
    const { app } = webhookApp();
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', flows: 3 });
  });

  it('is not ready when the call store cannot be reached', async () => {
    const { app } = webhookApp({
      calls: {
        open: async () => undefined,
        update: async () => undefined,
        get: async () => undefined,
        list: async () => [],
        ping: async () => {
          throw new Error('down');
        },
      },
    });
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ error: 'the call store is unreachable' });
  });
});
