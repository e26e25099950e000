import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EffectOf } from '../../src/flow/runtime/effect';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { sqliteCallStore } from '../../src/stores/calls/sqlite/sqlite-call-store';
import { sqliteSessionStore } from '../../src/stores/session/sqlite/sqlite-session-store';
import { migrateSqlite } from '../../src/stores/sqlite/migrate-sqlite';
import { openSqlite, type SqliteDatabase } from '../../src/stores/sqlite/open-sqlite';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { AUTH_TOKEN, DEMO_LINE, FIXTURE_FLOWS, OPEN_HOURS, testServices, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller } from '../helpers/twilio-caller';

/** The server's database as it starts: opened and migrated. */
const openMigrated = (file: string) => {
  const db = openSqlite(file);
  migrateSqlite(db);
  return db;
};

const publicBaseUrl = 'http://localhost:3000';

describe('Twilio delivering a request twice', () => {
  it('answers a retried ring with the same greeting and keeps one call', async () => {
    const { app, calls } = webhookApp();
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    const first = await caller.ring();
    const again = await caller.resend();
    expect(again.body).toBe(first.body);
    expect((await calls.get(caller.sid))!.turns).toHaveLength(1);
  });

  it('answers a retried menu key with identical TwiML and applies it once', async () => {
    const { app, calls } = webhookApp();
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    const first = await caller.press('9');
    const again = await caller.resend();
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    const record = await calls.get(caller.sid);
    expect(record!.turns.map((t) => t.n)).toEqual([0, 1]);
    expect(record!.path.filter((n) => n === 'english')).toHaveLength(1);
  });

  it('creates one ticket and sends one SMS when a voicemail is delivered twice', async () => {
    const { app, services, calls } = webhookApp();
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    await caller.press('2');
    const first = await caller.leaveMessage();
    const again = await caller.resend();
    expect(again.body).toBe(first.body);
    expect(await services.tickets.list({})).toHaveLength(1);
    expect(services.sms.sent.filter((m) => m.kind === 'ticket')).toHaveLength(1);
    expect((await calls.get(caller.sid))!.turns).toHaveLength(3);
  });

  it('applies a key delivered twice at the same moment once, and both deliveries hear the same', async () => {
    const { app, calls } = webhookApp();
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    const url = caller.action('Gather');
    const params = { CallSid: caller.sid, To: DEMO_LINE, From: '+8613800138000', Digits: '9' };
    const [a, b] = await Promise.all([caller.post(url, params), caller.post(url, params)]);
    expect(a.body).toBe(b.body);
    expect((await calls.get(caller.sid))!.turns).toHaveLength(2);
  });

  it('sends a request for a turn that is not next back to the latest question', async () => {
    const { app } = webhookApp();
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    const ahead = await caller.post(`${publicBaseUrl}/twilio/voice/turn?n=5`, { CallSid: caller.sid, To: DEMO_LINE, Digits: '1' });
    expect(ahead.verbs).toEqual([{ verb: 'Redirect', attrs: { method: 'POST' }, text: `${publicBaseUrl}/twilio/voice/turn?n=0`, children: [] }]);
    const back = await caller.post(ahead.verbs[0].text, { CallSid: caller.sid, To: DEMO_LINE });
    expect(back.verbs[0].verb).toBe('Gather');
  });
});

describe('two servers on one database', () => {
  let dir: string;
  const dbs: SqliteDatabase[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-race-'));
  });
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets one of two racing deliveries of a voicemail win; the other answers what the winner stored', async () => {
    const project = loadProjectOrThrow(FIXTURE_FLOWS);
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const services = testServices({ project, clock });
    // Both servers reach the ticket service, which lets them through only once both are waiting.
    let arrived = 0;
    let bothArrived!: () => void;
    const gate = new Promise<void>((resolve) => (bothArrived = resolve));
    const createTicket = async (e: EffectOf<'createTicket'>) => {
      if (++arrived === 2) bothArrived();
      await gate;
      return services.handlers.createTicket(e);
    };
    const server = () => {
      const db = openMigrated(join(dir, 'ivr.db'));
      dbs.push(db);
      return webhookApp({ project, clock, services, sessions: sqliteSessionStore(db), calls: sqliteCallStore(db), handlers: { createTicket } });
    };
    const one = server();
    const two = server();
    const caller = new TwilioCaller(one.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    await caller.press('2');
    const url = caller.action('Record');
    const params = { CallSid: caller.sid, To: DEMO_LINE, From: '+8613800138000', RecordingUrl: 'https://api.twilio.com/recordings/RE7', RecordingDuration: '9' };
    const onTwo = new TwilioCaller(two.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE, sid: caller.sid });

    const [a, b] = await Promise.all([caller.post(url, params), onTwo.post(url, params)]);

    expect(arrived).toBe(2);
    expect(a.body).toBe(b.body);
    expect(await services.tickets.list({})).toHaveLength(1);
    expect(services.sms.sent.filter((m) => m.kind === 'ticket')).toHaveLength(1);
    expect((await one.calls.get(caller.sid))!.turns.map((t) => t.n)).toEqual([0, 1, 2]);
    const lost = [...one.logs, ...two.logs].filter((l) => l.msg === 'lost a race for this turn; answering the stored reply');
    expect(lost).toHaveLength(1);
  });
});
