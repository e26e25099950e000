import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DialStatus } from '../../src/flow/runtime/turn';
import { placeHttpCall } from '../../src/sim/http-caller';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';

/** `ivr call --via`: the simulated caller against a real listening server on the loopback address. */
describe('ivr call --via', () => {
  let server: Server;
  let baseUrl: string;
  let env: ReturnType<typeof webhookApp>;
  beforeEach(async () => {
    env = webhookApp({ env: { PUBLIC_BASE_URL: 'https://ivr.example.com' } });
    server = await new Promise<Server>((resolve) => {
      const s = env.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const place = (script: string, lines: string[]) =>
    placeHttpCall({ baseUrl, to: '400-000-0000', from: '+8613800138000', script, authToken: AUTH_TOKEN, publicBaseUrl: 'https://ivr.example.com', print: (l) => lines.push(l) });

  it('switches to English and asks for a person: hears the menu, is queued, and closes the call record', async () => {
    const lines: string[] = [];
    const result = await place('9 0', lines);
    expect(result.ended).toBe('queue');
    expect(result.heard).toEqual([
      '欢迎致电演示热线。',
      '查询请按1，留言请按2，英文服务请按9。',
      'For enquiries press 1, to leave a message press 2, for English press 9.',
      'Connecting you to an agent, please hold.',
      'You are next in line; an agent will be with you shortly.',
      'To get a call back instead of waiting, press 1.',
    ]);
    expect(lines).toContain('🔊 [en-US] Connecting you to an agent, please hold.');
    expect(lines).toContain('☎️  you pressed 9');
    expect(await env.calls.get(result.sid)).toMatchObject({ status: 'completed', outcome: 'transferred', hotline: 'demo' });
  });

  it('leaves a voicemail and hears the ticket number', async () => {
    const lines: string[] = [];
    const result = await place('2 message', lines);
    expect(result.ended).toBe('hangup');
    const [ticket] = await env.services.tickets.list({});
    expect(result.heard).toContain(`您的工单号是${ticket.id.split('').join(' ')}，我们将在24小时内回复。`);
    expect(await env.calls.get(result.sid)).toMatchObject({ outcome: 'voicemail', status: 'completed' });
  });

  it('keys several entries typed at once, as the keypad would deliver them', async () => {
    const lines: string[] = [];
    const result = await place('91', lines);
    expect(lines).toContain('☎️  you pressed 9');
    expect(lines).toContain('☎️  you pressed 1');
    expect(result.heard.at(-1)).toBe('To verify the number you are calling from press 1, to use another number press 2.');
    expect(result.ended).toBe('caller-left');
    expect(await env.calls.get(result.sid)).toMatchObject({ outcome: 'abandoned' });
  });
});

describe('ivr call --via --dial: a transfer to a number ends as told', () => {
  let server: Server;
  let baseUrl: string;
  let env: ReturnType<typeof webhookApp>;
  beforeEach(async () => {
    env = webhookApp({ project: loadProjectOrThrow('test/fixtures/flows/dial'), env: { PUBLIC_BASE_URL: 'https://ivr.example.com' } });
    server = await new Promise<Server>((resolve) => {
      const s = env.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const place = (dial: DialStatus | undefined, lines: string[]) =>
    placeHttpCall({ baseUrl, to: '400-000-0001', from: '+8613800138000', script: '1', authToken: AUTH_TOKEN, publicBaseUrl: 'https://ivr.example.com', print: (l) => lines.push(l), ...(dial ? { dial } : {}) });

  it('busy: posts DialCallStatus to the <Dial> action and follows the fallback into the queue', async () => {
    const lines: string[] = [];
    const result = await place('busy', lines);
    expect(lines).toContain('📞 ringing +861012345678: busy');
    expect(result.heard).toContain('安全值班台正忙。');
    expect(result.ended).toBe('queue');
    expect(await env.calls.get(result.sid)).toMatchObject({ outcome: 'transferred', transfer: { queue: 'urgent' }, dials: [{ result: 'busy' }] });
  });

  it('by default the number answers: the call ends as transferred, with the talk time on record', async () => {
    const lines: string[] = [];
    const result = await place(undefined, lines);
    expect(result.ended).toBe('dial');
    expect(await env.calls.get(result.sid)).toMatchObject({ status: 'completed', outcome: 'transferred', transfer: { number: '+861012345678', result: 'answered', talkSec: 60 } });
  });
});

describe('ivr call --via with speech: the words are posted as SpeechResult and Confidence', () => {
  let server: Server;
  let baseUrl: string;
  let env: ReturnType<typeof webhookApp>;
  beforeEach(async () => {
    env = webhookApp({ project: loadProjectOrThrow('test/fixtures/flows/speech'), env: { PUBLIC_BASE_URL: 'https://ivr.example.com' } });
    server = await new Promise<Server>((resolve) => {
      const s = env.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const place = (script: string, lines: string[], at: string) => {
    env.clock.set(Date.parse(at));
    return placeHttpCall({ baseUrl, to: '400-666-1234', from: '+8613800138000', script, authToken: AUTH_TOKEN, publicBaseUrl: 'https://ivr.example.com', print: (l) => lines.push(l) });
  };

  it('a caller says 收益 at 40 %, confirms with 是, says the phone number (masked on screen) and gets an earnings ticket', async () => {
    const lines: string[] = [];
    const result = await place('say@0.4:收益 say:是 say:"一三八 零零一三 八零零零"', lines, '2026-11-23T10:00:00+08:00');
    expect(lines).toContain('☎️  caller said "收益" (confidence 0.4)');
    expect(result.heard).toContain('您要办理的是直播收益吗？是请说“是”或按2，不是请说“不是”。');
    expect(lines).toContain('☎️  caller said ******');
    expect(lines.join('\n')).not.toContain('一三八');
    const [ticket] = await env.services.tickets.list({});
    expect(ticket).toMatchObject({ category: 'live_earnings' });
    expect(result.ended).toBe('hangup');
    // The server logs how the words were understood, never the words.
    expect(JSON.stringify(env.logs)).not.toMatch(/收益|一三八/);
  });

  it('a caller says their account was stolen and waits in the urgent queue', async () => {
    const lines: string[] = [];
    const result = await place('say:"我的账号被盗了"', lines, '2026-11-23T10:00:00+08:00');
    expect(lines).toContain('✅ waiting in queue urgent');
    expect(result.ended).toBe('queue');
  });

  it('words at the keys-only night menu are refused: its <Gather> does not listen', async () => {
    const lines: string[] = [];
    await expect(place('say:留言', lines, '2026-11-23T23:30:00+08:00')).rejects.toThrow(
      /said "留言", but the <Gather> posting to \S+ takes keys only \(input="dtmf"\): a phone's words are not listened to there; press keys/,
    );
  });
});
