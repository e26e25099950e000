import request from 'supertest';
import { ADMIN_TOKEN, AUTH_TOKEN, DEMO_LINE, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller, said, shape } from '../helpers/twilio-caller';

const publicBaseUrl = 'http://localhost:3000';

function call(app: ReturnType<typeof webhookApp>['app'], from = '+8613800138000') {
  return new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE, from });
}

describe('a call through the Twilio webhook', () => {
  it('greets in Chinese, switches to English, verifies by texted code, takes an order number, texts a reset link and hangs up', async () => {
    const { app, services, logs } = webhookApp();
    const caller = call(app);

    const ring = await caller.ring();
    expect(ring.status).toBe(200);
    expect(shape(ring.verbs)).toEqual(['Gather', 'Gather>Say', 'Gather>Say']);
    const menu = ring.verbs[0];
    expect(menu.attrs).toMatchObject({ input: 'dtmf', numDigits: '1', actionOnEmptyResult: 'true', action: `${publicBaseUrl}/twilio/voice/turn?n=1`, method: 'POST' });
    expect(menu.children[0].attrs).toEqual({ voice: 'Polly.Zhiyu', language: 'cmn-CN' });
    expect(said(ring.verbs)).toEqual(['欢迎致电演示热线。', '查询请按1，留言请按2，英文服务请按9。']);

    await caller.press('9');
    expect(caller.heard()).toEqual(['For enquiries press 1, to leave a message press 2, for English press 9.']);
    expect(caller.last!.verbs[0].children[0].attrs).toEqual({ voice: 'Polly.Joanna', language: 'en-US' });
    expect(caller.action('Gather')).toBe(`${publicBaseUrl}/twilio/voice/turn?n=2`);

    await caller.press('1');
    expect(caller.heard()).toEqual(['To verify the number you are calling from press 1, to use another number press 2.']);

    await caller.press('1');
    expect(caller.heard()).toEqual(['We have texted a code to the phone ending 8000.', 'Please enter the 6-digit code.']);
    expect(caller.last!.verbs[0].attrs).toMatchObject({ numDigits: '6', finishOnKey: '' });
    const code = services.sms.sent.find((m) => m.kind === 'otp')!.body.match(/\d{6}/)![0];

    await caller.press(code);
    expect(caller.heard()).toEqual(['Thank you, you are verified.', 'Please enter your 10-digit order number, then press hash.']);

    await caller.press('1234567890');
    expect(caller.heard()).toEqual([
      'Your order number is 1 2 3 4 5 6 7 8 9 0.',
      'We have sent you a text message.',
      'Thank you for calling. Goodbye.',
    ]);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Say', 'Say', 'Hangup']);
    expect(services.sms.sent.map((m) => m.kind)).toEqual(['otp', 'reset_link']);

    expect((await caller.hangUp('completed', 95)).status).toBe(200);

    const record = await request(app).get(`/api/calls/${caller.sid}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(record.status).toBe(200);
    expect(record.body.call).toMatchObject({
      callSid: caller.sid,
      hotline: 'demo',
      caller: '+8613800138000',
      lang: 'en-US',
      status: 'completed',
      outcome: 'self-served',
      durationSec: 95,
      faults: 0,
    });
    expect(record.body.call.turns.map((t: { input: string }) => t.input)).toEqual(['call', 'digits', 'digits', 'digits', 'digits', 'digits']);
    expect(record.body.call.path).toEqual(expect.arrayContaining(['welcome', 'main', 'english', 'verify', 'order', 'bye']));

    // One log line per turn, phone numbers masked, the one-time code never logged.
    const turns = logs.filter((l) => l.msg === 'turn');
    expect(turns).toHaveLength(6);
    expect(turns[0]).toMatchObject({ callSid: caller.sid, hotline: 'demo', caller: '138****8000', input: 'call', outcome: 'waiting' });
    expect(turns[5]).toMatchObject({ callSid: caller.sid, hotline: 'demo', node: 'bye', input: 'digits', outcome: 'hangup', keys: '1234567890' });
    for (const t of turns) expect(t).toEqual(expect.objectContaining({ flowVersion: expect.any(String) }));
    const everything = JSON.stringify(logs);
    expect(everything).not.toContain(code);
    expect(everything).not.toContain('13800138000');
  });

  it('takes a voicemail after the beep, opens a ticket and records the call as voicemail', async () => {
    const { app, services } = webhookApp();
    const caller = call(app);
    await caller.ring();

    await caller.press('2');
    expect(caller.heard()).toEqual(['请在提示音后留言，按井号键结束。']);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Record', 'Redirect']);
    const record = caller.last!.verbs[1];
    expect(record.attrs).toMatchObject({ action: `${publicBaseUrl}/twilio/voice/record?n=2`, maxLength: '120', finishOnKey: '#', playBeep: 'true' });

    await caller.leaveMessage('https://api.twilio.com/recordings/RE42', 14);
    const [ticket] = await services.tickets.list({});
    expect(ticket).toMatchObject({ category: 'voicemail', callSid: caller.sid, recordingUrl: 'https://api.twilio.com/recordings/RE42' });
    expect(caller.heard()[0]).toBe(`您的工单号是${ticket.id.split('').join(' ')}，我们将在24小时内回复。`);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Say', 'Hangup']);

    await caller.hangUp();
    const { body } = await request(app).get(`/api/calls/${caller.sid}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(body.call).toMatchObject({ outcome: 'voicemail', ticketIds: [ticket.id], recordingUrl: 'https://api.twilio.com/recordings/RE42' });
  });

  it('says goodbye when nothing is recorded after the beep', async () => {
    const { app, services } = webhookApp();
    const caller = call(app);
    await caller.ring();
    await caller.press('2');
    await caller.recordNothing();
    expect(caller.heard()).toEqual(['感谢来电，再见。']);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Hangup']);
    expect(await services.tickets.list({})).toHaveLength(0);
  });

  it('puts a caller who presses 0 into the general queue, whose wait tells their place and offers a call back', async () => {
    const { app } = webhookApp();
    const caller = call(app);
    await caller.ring();
    await caller.press('0');
    expect(caller.heard()).toEqual(['正在为您转接人工客服，请稍候。']);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Enqueue']);
    const enqueue = caller.last!.verbs[1];
    expect(enqueue.text).toBe('general');
    expect(enqueue.attrs).toMatchObject({
      waitUrl: `${publicBaseUrl}/twilio/voice/queue-wait?lang=zh-CN&queue=general`,
      waitUrlMethod: 'POST',
      action: `${publicBaseUrl}/twilio/voice/queue-left?lang=zh-CN&queue=general`,
      method: 'POST',
    });

    const wait = await caller.post(enqueue.attrs.waitUrl, { CallSid: caller.sid, QueuePosition: '3', AvgQueueTime: '40', To: DEMO_LINE });
    expect(shape(wait.verbs)).toEqual(['Gather', 'Gather>Say', 'Gather>Say', 'Gather>Say', 'Gather>Play']);
    expect(said(wait.verbs)).toEqual(['您前面还有2位客户，请耐心等候。', '预计等待约1分钟。', '如不想继续等待，请按1，我们将尽快给您回电。']);
    expect(wait.verbs[0].attrs).toMatchObject({ numDigits: '1', actionOnEmptyResult: 'false', action: `${publicBaseUrl}/twilio/voice/queue-callback?lang=zh-CN&queue=general` });

    await caller.hangUp('completed');
    const { body } = await request(app).get(`/api/calls/${caller.sid}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(body.call).toMatchObject({ outcome: 'transferred', transfer: { queue: 'general', priority: 'normal' } });
  });

  it('hears silence as a no-input turn and asks again', async () => {
    const { app } = webhookApp();
    const caller = call(app);
    await caller.ring();
    await caller.silence();
    expect(caller.heard()[0]).toBe('抱歉，没有听到您的选择。');
    expect(caller.action('Gather')).toBe(`${publicBaseUrl}/twilio/voice/turn?n=2`);
  });

  it('records a caller who hangs up mid-menu as abandoned', async () => {
    const { app } = webhookApp();
    const caller = call(app);
    await caller.ring();
    await caller.hangUp('completed', 4);
    const { body } = await request(app).get(`/api/calls/${caller.sid}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(body.call).toMatchObject({ outcome: 'abandoned', status: 'completed', durationSec: 4 });
  });

  it('answers an SMS from a number that was never surveyed with an empty response', async () => {
    const { app } = webhookApp();
    const caller = call(app);
    const res = await caller.post(`${publicBaseUrl}/twilio/sms`, { MessageSid: 'SM1', From: '+8613800138000', To: '+8610690000009', Body: '5' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<Response/>');
  });
});

describe('a caller who hangs up instead of pressing # after a voicemail', () => {
  it('still gets a ticket when Twilio posts the recording after the status callback', async () => {
    const { app, services, calls } = webhookApp();
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    await caller.press('2');
    await caller.hangUp('completed', 30);
    await caller.leaveMessage('https://api.twilio.com/recordings/RE9', 20);
    expect(await services.tickets.list({})).toHaveLength(1);
    expect(await calls.get(caller.sid)).toMatchObject({ status: 'completed', outcome: 'voicemail', durationSec: 30 });
  });
});
