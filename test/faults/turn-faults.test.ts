import request from 'supertest';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import type { CallStore } from '../../src/stores/calls/call-store';
import { memorySessionStore } from '../../src/stores/session/memory/memory-session-store';
import type { SessionStore } from '../../src/stores/session/session-store';
import { TwilioCaller, shape } from '../helpers/twilio-caller';
import { ADMIN_TOKEN, AUTH_TOKEN, DEMO_LINE, webhookApp } from '../helpers/webhook-app';

const publicBaseUrl = 'http://localhost:3000';
const SORRY_TRANSFER = '抱歉，系统暂时出现问题，正在为您转接人工客服，请稍候。';
const START_AGAIN = '抱歉，系统刚才出现问题，请您重新选择。';

type App = ReturnType<typeof webhookApp>['app'];
const caller = (app: App) => new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
const metric = async (app: App, kind: string) => {
  const text = (await request(app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`)).text;
  return Number(new RegExp(`ivr_call_record_problems_total\\{kind="${kind}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
};

/** Sessions in memory, with faults a test switches on: the next `n` reads fail, or saves commit and then fail. */
function sessionsWithFaults() {
  const inner = memorySessionStore();
  const faults = { failingReads: 0, saveCommitsThenFails: false };
  const outage = () => new Error('Connection terminated unexpectedly');
  const store: SessionStore = {
    ...inner,
    get: async (sid, now) => {
      if (faults.failingReads > 0) {
        faults.failingReads--;
        throw outage();
      }
      return inner.get(sid, now);
    },
    save: async (s) => {
      const saved = await inner.save(s);
      if (faults.saveCommitsThenFails) {
        faults.saveCommitsThenFails = false;
        throw outage(); // the COMMIT went through; its answer was lost with the connection
      }
      return saved;
    },
    insert: (s) => inner.insert(s),
    delete: (sid) => inner.delete(sid),
    deleteExpired: (now) => inner.deleteExpired(now),
    ping: () => inner.ping(),
  };
  return { store, faults, inner };
}

/** Call records in memory whose updates fail while `down`. */
function recordsThatFail(): CallStore & { down: boolean } {
  const inner = memoryCallStore();
  const store = {
    down: false,
    open: (r: Parameters<CallStore['open']>[0]) => inner.open(r),
    update: (sid: string, change: Parameters<CallStore['update']>[1]) => (store.down ? Promise.reject(new Error('calls table unreachable')) : inner.update(sid, change)),
    get: (sid: string) => inner.get(sid),
    list: (q: Parameters<CallStore['list']>[0]) => inner.list(q),
    ping: () => inner.ping(),
  };
  return store;
}

describe('what a caller hears and what the store keeps agree when the stores fail', () => {
  it('stores the apology of a turn whose first read failed, so a retried delivery hears the apology again, and puts the fault on the record', async () => {
    const sessions = sessionsWithFaults();
    const { app, calls } = webhookApp({ sessions: sessions.store });
    const c = caller(app);
    await c.ring();
    sessions.faults.failingReads = 1; // the database drops out for the turn's first read only
    const first = await c.press('1');
    expect(first.status).toBe(200);
    expect(c.heard()).toEqual([SORRY_TRANSFER]);
    const retried = await c.resend();
    expect(retried.body).toBe(first.body);
    const record = await calls.get(c.sid);
    expect(record).toMatchObject({ faults: 1, outcome: 'transferred' });
    expect(record!.turns.map((t) => [t.n, t.result])).toEqual([
      [0, 'waiting'],
      [1, 'fault'],
    ]);
  });

  it('answers the stored reply, not an apology, when the turn was saved but the store lost the answer', async () => {
    const sessions = sessionsWithFaults();
    const { app } = webhookApp({ sessions: sessions.store });
    const c = caller(app);
    await c.ring();
    sessions.faults.saveCommitsThenFails = true;
    const first = await c.press('9'); // English, back at the menu
    expect(first.status).toBe(200);
    expect(c.heard().join(' ')).not.toContain('Sorry');
    expect(shape(first.verbs)).toContain('Gather');
    expect((await c.resend()).body).toBe(first.body);
  });

  it('counts the apology it could not store when the store stays unreachable, and still answers with TwiML', async () => {
    const sessions = sessionsWithFaults();
    const { app, logs } = webhookApp({ sessions: sessions.store });
    const c = caller(app);
    await c.ring();
    sessions.faults.failingReads = 2;
    const answer = await c.press('1');
    expect(answer.status).toBe(200);
    expect(c.heard()).toEqual([SORRY_TRANSFER]);
    expect(await metric(app, 'unstored_not_recorded')).toBe(1);
    expect(logs.some((l) => l.missed === 'unstored')).toBe(true);
  });

  it('keeps a good turn good when its call record entry cannot be written after the session was stored (logged, counted)', async () => {
    const calls = recordsThatFail();
    const { app, logs } = webhookApp({ calls });
    const c = caller(app);
    await c.ring();
    calls.down = true;
    const answer = await c.press('9');
    expect(answer.status).toBe(200);
    expect(c.heard().join(' ')).not.toMatch(/Sorry|抱歉/);
    expect(shape(answer.verbs)).toContain('Gather');
    expect(await metric(app, 'turn_not_recorded')).toBe(1);
    expect(logs.find((l) => l.missed === 'turn')?.msg).toBe('the turn is answered but its call record entry could not be written');
    calls.down = false;
    await c.press('1');
    expect(c.heard().join(' ')).not.toMatch(/Sorry|抱歉/);
  });

  it('starts a call whose state was lost mid-call (a cache restarted without persistence) again at its line\'s first menu, and the call goes on', async () => {
    const sessions = sessionsWithFaults();
    const { app } = webhookApp({ sessions: sessions.store });
    const c = caller(app);
    await c.ring();
    const menu = c.heard().slice(-1)[0];
    await c.press('9');
    await sessions.inner.delete(c.sid);
    const resumed = await c.press('1');
    expect(resumed.status).toBe(200);
    expect(c.heard()[0]).toBe(START_AGAIN);
    expect(c.heard().slice(-1)[0]).toBe(menu);
    expect(shape(resumed.verbs)).toContain('Gather');
    const next = await c.press('9');
    expect(next.status).toBe(200);
    expect(c.heard().join(' ')).not.toMatch(/Sorry|抱歉/);
  });
});
