import type { SessionStore } from '../../src/stores/session/session-store';
import { memorySessionStore } from '../../src/stores/session/memory/memory-session-store';
import { AUTH_TOKEN, CLOSED_HOURS, DEMO_LINE, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller, shape } from '../helpers/twilio-caller';

const publicBaseUrl = 'http://localhost:3000';
const caller = (app: ReturnType<typeof webhookApp>['app']) => new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });

/** A session store that works until `down()` is called, then throws like an unreachable database. */
function flakySessions(): SessionStore & { down(): void } {
  const inner = memorySessionStore();
  let up = true;
  const guard = <T>(f: () => Promise<T>) => (up ? f() : Promise.reject(new Error('SQLITE_IOERR: disk I/O error')));
  return {
    down: () => void (up = false),
    get: (sid, now) => guard(() => inner.get(sid, now)),
    insert: (s) => guard(() => inner.insert(s)),
    save: (s) => guard(() => inner.save(s)),
    delete: (sid) => guard(() => inner.delete(sid)),
    deleteExpired: (now) => guard(() => inner.deleteExpired(now)),
    ping: () => guard(() => inner.ping()),
  };
}

describe('faults inside a call', () => {
  it('when the ticket service throws, apologises and puts the caller through to a person with HTTP 200', async () => {
    const { app, calls } = webhookApp({
      handlers: {
        createTicket: async () => {
          throw new Error('ticket database unreachable');
        },
      },
    });
    const c = caller(app);
    await c.ring();
    await c.press('2');
    const answer = await c.leaveMessage();
    expect(answer.status).toBe(200);
    expect(c.heard()).toEqual(['抱歉，工单暂时无法创建。', '正在为您转接人工客服，请稍候。']);
    expect(shape(answer.verbs)).toEqual(['Say', 'Say', 'Enqueue']);
    expect(answer.verbs[2].text).toBe('general');
    expect(await calls.get(c.sid)).toMatchObject({ outcome: 'transferred', ticketIds: [] });
  });

  it('when the session store is down, apologises in the line’s language and transfers, never a 5xx', async () => {
    const sessions = flakySessions();
    const { app, logs } = webhookApp({ sessions });
    const c = caller(app);
    await c.ring();
    sessions.down();
    const answer = await c.press('1');
    expect(answer.status).toBe(200);
    expect(c.heard()).toEqual(['抱歉，系统暂时出现问题，正在为您转接人工客服，请稍候。']);
    expect(answer.verbs[1]).toMatchObject({ verb: 'Enqueue', text: 'general' });
    expect(logs.filter((l) => l.level === 50).map((l) => l.msg)).toContain('turn failed; the caller hears an apology');
  });

  it('after hours with the session store down, apologises and says goodbye instead of transferring', async () => {
    const sessions = flakySessions();
    sessions.down();
    const { app } = webhookApp({ sessions, at: CLOSED_HOURS });
    const c = caller(app);
    const answer = await c.ring();
    expect(answer.status).toBe(200);
    expect(c.heard()).toEqual(['抱歉，系统暂时出现问题，请稍后再拨。感谢来电，再见。']);
    expect(shape(answer.verbs)).toEqual(['Say', 'Hangup']);
  });

  it('when the flow cannot take an input (CallStuckError), apologises, transfers, and answers a retry the same', async () => {
    const { app, calls, logs } = webhookApp();
    const c = caller(app);
    await c.ring();
    // A recording posted to a call that waits for a menu key: the flow has no answer for it.
    const answer = await c.post(`${publicBaseUrl}/twilio/voice/record?n=1`, { CallSid: c.sid, To: DEMO_LINE, RecordingUrl: 'https://x/RE1', RecordingDuration: '3' });
    expect(answer.status).toBe(200);
    expect(shape(answer.verbs)).toEqual(['Say', 'Enqueue']);
    expect((await c.resend()).body).toBe(answer.body);
    expect(logs.find((l) => l.msg === 'turn failed; the caller hears an apology')).toMatchObject({ err: { code: 'CALL_STUCK' } });
    expect(await calls.get(c.sid)).toMatchObject({ faults: 1, outcome: 'transferred' });
  });

  it('answers before the turn deadline when an effect hangs, and stores the apology it gave', async () => {
    let release!: () => void;
    const hung = new Promise<void>((resolve) => (release = resolve));
    const { app, calls } = webhookApp({
      config: { turnDeadlineMs: 20, effectTimeoutMs: 60_000 },
      handlers: {
        createTicket: async () => {
          await hung;
          return { ticketId: '12345678', slaMinutes: 60, dueAt: '' };
        },
      },
    });
    const c = caller(app);
    await c.ring();
    await c.press('2');
    const answer = await c.leaveMessage();
    expect(answer.status).toBe(200);
    expect(c.heard()).toEqual(['抱歉，系统暂时出现问题，正在为您转接人工客服，请稍候。']);
    release();
    // The retry waits for the late turn to finish, then hears what the caller was told.
    expect((await c.resend()).body).toBe(answer.body);
    expect(await calls.get(c.sid)).toMatchObject({ faults: 1, outcome: 'transferred' });
  });

  it('answers an action for a call it does not know, on an open line, with an apology and the line\'s first menu, not an error', async () => {
    const { app } = webhookApp();
    const c = caller(app);
    const answer = await c.post(`${publicBaseUrl}/twilio/voice/turn?n=3`, { CallSid: c.sid, To: DEMO_LINE, Digits: '1' });
    expect(answer.status).toBe(200);
    expect(c.heard()[0]).toBe('抱歉，系统刚才出现问题，请您重新选择。');
    expect(shape(answer.verbs)).toContain('Gather');
  });

  it('answers an action for a call it does not know, after hours, with an apology and a goodbye', async () => {
    const { app } = webhookApp({ at: CLOSED_HOURS });
    const c = caller(app);
    const answer = await c.post(`${publicBaseUrl}/twilio/voice/turn?n=3`, { CallSid: c.sid, To: DEMO_LINE, Digits: '1' });
    expect(answer.status).toBe(200);
    expect(shape(answer.verbs)).toEqual(['Say', 'Hangup']);
  });
});
