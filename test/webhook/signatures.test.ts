import { AUTH_TOKEN, DEMO_LINE, webhookApp } from '../helpers/webhook-app';
import { signRequest } from '../../src/telephony/twilio/verify-signature';
import { TwilioCaller, newCallSid, postSigned } from '../helpers/twilio-caller';

const ring = (sid = newCallSid()) => ({ CallSid: sid, To: DEMO_LINE, From: '+8613800138000', Digits: '1234' });

describe('Twilio signatures', () => {
  it('refuses a ring with a forged signature with 403 and logs it without the body', async () => {
    const { app, logs, calls } = webhookApp();
    const params = ring();
    const res = await postSigned(app, { url: 'http://localhost:3000/twilio/voice', params, authToken: 'someone-elses-token' });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('X-Twilio-Signature is invalid');
    // The operator learns which URL was checked from the log; a stranger learns nothing from the answer.
    expect(JSON.stringify(res.body)).not.toContain('localhost');
    expect(await calls.get(params.CallSid)).toBeUndefined();
    const refused = logs.find((l) => String(l.msg).startsWith('refused a webhook'));
    expect(refused).toMatchObject({ path: '/twilio/voice', verdict: 'invalid' });
    expect(JSON.stringify(logs)).not.toContain('13800138000');
    expect(JSON.stringify(logs)).not.toContain('1234');
  });

  it('refuses a ring without a signature with 403', async () => {
    const { app } = webhookApp();
    const res = await postSigned(app, { url: 'http://localhost:3000/twilio/voice', params: ring(), authToken: AUTH_TOKEN, signature: null });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/X-Twilio-Signature is missing/);
  });

  it('refuses a signed request whose form was changed on the way', async () => {
    const { app } = webhookApp();
    const params = ring();
    const signature = signRequest(AUTH_TOKEN, 'http://localhost:3000/twilio/voice', params);
    const res = await postSigned(app, { url: 'http://localhost:3000/twilio/voice', params: { ...params, From: '+8613900139000' }, authToken: AUTH_TOKEN, signature });
    expect(res.status).toBe(403);
  });

  it('checks the status callback and the SMS webhook too', async () => {
    const { app } = webhookApp();
    for (const path of ['/twilio/status', '/twilio/sms', '/twilio/voice/turn?n=1', '/twilio/voice/queue-wait?lang=zh-CN']) {
      const res = await postSigned(app, { url: `http://localhost:3000${path}`, params: { CallSid: 'CA1', CallStatus: 'completed' }, authToken: 'wrong' });
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('behind a TLS proxy, checks the signature against PUBLIC_BASE_URL, not the address the request reached', async () => {
    const publicBaseUrl = 'https://ivr.example.com';
    const { app } = webhookApp({ env: { PUBLIC_BASE_URL: publicBaseUrl } });
    // supertest reaches the app on http://127.0.0.1:<port>, as a proxy would.
    const signedForLocal = await postSigned(app, { url: 'http://127.0.0.1/twilio/voice', params: ring(), authToken: AUTH_TOKEN });
    expect(signedForLocal.status).toBe(403);

    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    const answer = await caller.ring();
    expect(answer.status).toBe(200);
    expect(caller.action('Gather')).toBe('https://ivr.example.com/twilio/voice/turn?n=1');
    await caller.press('9');
    expect(caller.last!.status).toBe(200);
    expect(caller.action('Gather')).toBe('https://ivr.example.com/twilio/voice/turn?n=2');
  });

  it('lets unsigned requests in only when development switched the check off, with a loud warning', async () => {
    const { app, config } = webhookApp({ env: { TWILIO_SIGNATURE_CHECK: 'off' } });
    expect(config.warnings.join('\n')).toMatch(/ANYONE CAN DRIVE CALLS/);
    const res = await postSigned(app, { url: 'http://localhost:3000/twilio/voice', params: ring(), authToken: AUTH_TOKEN, signature: null });
    expect(res.status).toBe(200);
  });
});
