import request from 'supertest';
import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { ADMIN_TOKEN, AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller, shape } from '../helpers/twilio-caller';

/**
 * Issue 12's "done when", through signed webhooks on the shipped flows: the caller says what they
 * want instead of listening to the whole menu, and keys still work everywhere.
 */
const project = loadProjectOrThrow('flows');
const GENERAL = '+864000066888';
const INTERNATIONAL = '+864000066888';
const ZHANG = '+8613800138000';
const UNKNOWN_CN = '+8613512345678';
const ALEX_US = '+14155550100';
const WEEKDAY_MORNING = '2026-11-24T10:00:00+08:00';

function line(opts: { to: string; from: string; fromCountry?: string; at?: string }) {
  const world = webhookApp({ project, clock: new SimulatedClock(parseInstant(opts.at ?? WEEKDAY_MORNING)) });
  const caller = new TwilioCaller(world.app, { authToken: AUTH_TOKEN, publicBaseUrl: 'http://localhost:3000', to: opts.to, from: opts.from, ...(opts.fromCountry ? { fromCountry: opts.fromCountry } : {}) });
  const admin = (path: string) => request(world.app).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  const codeTo = (phone: string) => world.services.sms.sent.filter((m) => m.kind === 'otp' && m.to === phone).at(-1)?.body.match(/\d{6}/)?.[0];
  return { ...world, caller, admin, codeTo };
}

const gatherOf = (caller: TwilioCaller) => caller.last!.verbs.find((v) => v.verb === 'Gather')!;

describe('say or press, through the webhook', () => {
  it('listens at the general main menu: <Gather input="dtmf speech"> in Mandarin with the options as hints, and invites the caller to speak', async () => {
    const { caller } = line({ to: GENERAL, from: ZHANG });
    await caller.ring();
    const menu = gatherOf(caller);
    expect(menu.attrs).toMatchObject({ input: 'dtmf speech', language: 'cmn-Hans-CN', speechTimeout: 'auto', speechModel: 'googlev2_telephony', bargeIn: 'true', numDigits: '1' });
    expect(menu.attrs.hints).toContain('账号');
    expect(caller.heard().join('')).toMatch(/请说/);
  });

  it('"我的账号被盗了" (Confidence 0.9) at the main menu: the identity check, then, verified, the emergency path with a 15-minute ticket', async () => {
    const { caller, codeTo, admin } = line({ to: GENERAL, from: ZHANG });
    await caller.ring();
    await caller.say('我的账号被盗了', 0.9);
    expect(caller.heard().join('')).toMatch(/尾号8 0 0 0/);
    await caller.press('1');
    const code = codeTo(ZHANG);
    expect(code).toMatch(/^\d{6}$/);
    await caller.press(code!);
    const heard = caller.heard().join('');
    expect(heard).toMatch(/15分钟/);
    const record = await admin(`/api/calls/${caller.sid}`);
    expect(record.body.call.path).toEqual(expect.arrayContaining(['main_menu', 'emergency_ticket']));
    expect(record.body.call.path).not.toContain('menu');
    const tickets = await admin(`/api/tickets?phone=${encodeURIComponent(ZHANG)}&category=emergency`);
    expect(tickets.body.tickets).toEqual([expect.objectContaining({ category: 'emergency', slaMinutes: 15, callSid: caller.sid })]);
  });

  it('"转人工" reaches a person from the main menu and from the account menu behind the identity check', async () => {
    const first = line({ to: GENERAL, from: ZHANG });
    await first.caller.ring();
    await first.caller.say('转人工');
    expect(shape(first.caller.last!.verbs)).toContain('Enqueue');

    const second = line({ to: GENERAL, from: ZHANG });
    await second.caller.ring();
    await second.caller.press('1');
    await second.caller.press('1');
    await second.caller.press(second.codeTo(ZHANG)!);
    expect(gatherOf(second.caller).attrs.input).toBe('dtmf speech');
    await second.caller.say('帮我转人工客服');
    expect(shape(second.caller.last!.verbs)).toContain('Enqueue');
  });

  it('an utterance that matches two options is confirmed, not guessed; the answer then chooses', async () => {
    const { caller } = line({ to: GENERAL, from: ZHANG });
    await caller.ring();
    await caller.say('我账号里的视频被判违规了');
    const asked = caller.heard().join('');
    expect(asked).toMatch(/还是/);
    expect(gatherOf(caller).attrs.input).toBe('dtmf speech');
    await caller.press('2');
    expect(caller.heard().join('')).toMatch(/尾号8 0 0 0/);
  });

  it('a match below SPEECH_MIN_CONFIDENCE is confirmed ("是" goes on), and words that match nothing re-prompt like a wrong key', async () => {
    const { caller } = line({ to: GENERAL, from: ZHANG });
    await caller.ring();
    await caller.say('电商', 0.3);
    expect(caller.heard().join('')).toMatch(/吗/);
    await caller.say('是的', 0.8);
    expect(caller.heard().join('')).not.toMatch(/吗？/);

    const other = line({ to: GENERAL, from: ZHANG });
    await other.caller.ring();
    await other.caller.say('今天天气怎么样');
    expect(other.caller.heard().join('')).toMatch(/抱歉/);
    expect(gatherOf(other.caller).attrs.input).toBe('dtmf speech');
  });

  it('"一三八零零一三八零零零" at the phone-number entry is looked up as 13800138000 (the code goes to the phone ending 8000), and is never logged', async () => {
    const { caller, codeTo, logs } = line({ to: GENERAL, from: UNKNOWN_CN });
    await caller.ring();
    await caller.say('账号问题');
    expect(gatherOf(caller).attrs.numDigits).toBe('11');
    expect(gatherOf(caller).attrs.input).toBe('dtmf speech');
    await caller.say('一三八零零一三八零零零');
    expect(caller.heard().join('')).toMatch(/尾号8 0 0 0/);
    expect(codeTo(ZHANG)).toMatch(/^\d{6}$/);
    await caller.say(codeTo(ZHANG)!.split('').join(' '));
    expect(caller.heard().join('')).toMatch(/验证成功|已验证|通过/);
    const lines = JSON.stringify(logs);
    expect(lines).not.toContain('13800138000');
    expect(lines).not.toContain('一三八');
    expect(lines).not.toContain(codeTo(ZHANG)!);
  });

  it('on the international line, "I want to talk to someone" reaches the international queue in English', async () => {
    const { caller, admin } = line({ to: INTERNATIONAL, from: ALEX_US, fromCountry: 'US' });
    await caller.ring();
    for (let i = 0; i < 3 && !shape(caller.last!.verbs).includes('Enqueue'); i++) {
      expect(gatherOf(caller).attrs.input).toBe('dtmf speech');
      await caller.say('I want to talk to someone');
    }
    expect(shape(caller.last!.verbs)).toContain('Enqueue');
    expect(caller.heard().join(' ')).toMatch(/[A-Za-z]/);
    const record = await admin(`/api/calls/${caller.sid}`);
    expect(record.body.call).toMatchObject({ hotline: 'international', lang: 'en-US', transfer: { queue: 'international' } });
  });

  it('a distressed caller ("太慢了，我要投诉，转人工") is put through one priority step up, marked on the record and the agent\'s screen', async () => {
    const { caller, admin } = line({ to: GENERAL, from: ZHANG });
    await caller.ring();
    await caller.say('太慢了，我要投诉，转人工', 0.9);
    expect(shape(caller.last!.verbs)).toContain('Enqueue');
    const record = await admin(`/api/calls/${caller.sid}`);
    expect(record.body.call).toMatchObject({ distressed: true, transfer: { priority: 'high' } });
    const context = await admin(`/api/calls/${caller.sid}/context`);
    expect(context.body.queue).toMatchObject({ priority: 'high' });
    expect(JSON.stringify(context.body)).toMatch(/distress/);
  });
});
