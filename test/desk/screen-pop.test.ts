import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';
import { TwilioCaller } from '../helpers/twilio-caller';
import { ADMIN_TOKEN, AUTH_TOKEN, DEMO_LINE, FIXTURE_FLOWS, webhookApp } from '../helpers/webhook-app';

const ZHANG = '+8613800138000';
const SEC = 1000;

describe('the screen-pop an agent sees: GET /api/calls/:callSid/context', () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());

  it('shows a verified caller with a stolen account, waiting in the urgent queue: account with masked phone, path with keys, ticket with its SLA, the wait so far; after the call, the same from the record', async () => {
    const server = world.server();
    const caller = server.caller(ZHANG);
    await world.reachAccountMenu(caller, ZHANG);
    const code = world.codeSentTo(ZHANG);
    await caller.press('2'); // stolen account: an emergency ticket
    await caller.press('1'); // wait for the security team
    expect(caller.last!.verbs.map((v) => v.verb)).toContain('Enqueue');
    world.clock.advance(90 * SEC);

    const live = await server.admin.get(`/api/calls/${caller.sid}/context`);
    expect(live.status).toBe(200);
    const ticketId = live.body.tickets[0]?.id;
    expect(live.body).toMatchObject({
      callSid: caller.sid,
      source: 'session',
      hotline: 'general',
      lang: 'zh-CN',
      status: 'in-progress',
      account: { id: expect.any(String), tier: 'standard', status: 'active', maskedPhone: expect.stringMatching(/\*/) },
      tickets: [{ id: ticketId, category: 'emergency', priority: 'urgent', status: 'open', slaMinutes: 15 }],
      queue: { queue: 'urgent', name: '紧急安全', class: 'emergency', priority: 'urgent', waitedSec: 90 },
      flags: [],
    });
    expect(live.body.tickets[0].dueAt - live.body.tickets[0].createdAt).toBe(15 * 60 * SEC);
    expect(live.body.tickets[0].dueAtIso).toMatch(/^2026-11-23T10:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(live.body.startedAtIso).toBe('2026-11-23T10:00:00.000+08:00');
    // The menus' keys, from the flows: 1 account problems, 2 stolen, 1 wait (the identity check's own keys are not a menu's).
    expect(live.body.path).toEqual([
      { node: 'welcome', type: 'say' },
      { node: 'peak_check', type: 'branch' },
      { node: 'main_menu', type: 'menu', chose: '1' },
      { node: 'account_identity', type: 'subflow' },
      { node: 'verify', type: 'identity' },
      { node: 'verified', type: 'return' },
      { node: 'account_help', type: 'subflow' },
      { node: 'route', type: 'branch' },
      { node: 'menu', type: 'menu', chose: '2' },
      { node: 'emergency', type: 'set' },
      { node: 'emergency_ticket', type: 'ticket' },
      { node: 'emergency_menu', type: 'menu', chose: '1' },
      { node: 'urgent', type: 'return' },
      { node: 'urgent_agent', type: 'transfer' },
    ]);
    const text = JSON.stringify(live.body);
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain(code);

    await caller.hangUp('completed', 200);
    const after = await server.admin.get(`/api/calls/${caller.sid}/context`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      source: 'record',
      status: 'completed',
      account: live.body.account,
      path: live.body.path,
      tickets: live.body.tickets,
      queue: { queue: 'urgent', priority: 'urgent', waitedSec: null },
      flags: [],
    });
    expect(after.body.endedAtIso).toBe('2026-11-23T10:01:30.000+08:00');
    expect(JSON.stringify(after.body)).not.toContain(code);
  });

  it('shows the order number a commerce caller keyed, and the commerce queue', async () => {
    const server = world.server();
    const caller = server.caller(ZHANG, '400-101-5454');
    await caller.ring();
    await caller.press('1');
    await caller.press('202611230001');
    const { body } = await server.admin.get(`/api/calls/${caller.sid}/context`);
    expect(body).toMatchObject({ hotline: 'commerce', keyed: { orderId: '202611230001' }, queue: { queue: 'commerce' }, account: null, tickets: [] });
  });

  it('answers 404 for a call it never saw and 400 for what is not a call SID, and wants the admin token', async () => {
    const server = world.server();
    const unknown = await server.admin.get(`/api/calls/CA${'9'.repeat(32)}/context`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe(`no call CA${'9'.repeat(32)}: it is neither in progress nor on record (a call record is kept 6 months)`);
    expect((await server.admin.get('/api/calls/nope/context')).status).toBe(400);
    expect((await request(server.app).get(`/api/calls/CA${'9'.repeat(32)}/context`)).status).toBe(401);
  });
});

describe('what a sensitive entry never reaches', () => {
  let dir: string;
  beforeEach(() => {
    // The demo flow with a PIN keyed at a sensitive gather before the order number.
    dir = mkdtempSync(join(tmpdir(), 'ivr-flows-'));
    cpSync(FIXTURE_FLOWS, dir, { recursive: true });
    const demo = readFileSync(join(dir, 'demo.yaml'), 'utf8')
      .replace("      '9': english", "      '9': english\n      '3': pin")
      .replace(
        '  order_ok:',
        [
          '  pin:',
          '    type: gather',
          '    prompt: order',
          '    var: pin',
          '    minDigits: 6',
          '    maxDigits: 6',
          '    sensitive: true',
          '    next: order_then_person',
          '  order_then_person:',
          '    type: gather',
          '    prompt: order',
          '    var: orderId',
          '    minDigits: 10',
          '    maxDigits: 10',
          '    next: agent',
          '  order_ok:',
        ].join('\n'),
      );
    writeFileSync(join(dir, 'demo.yaml'), demo);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a PIN keyed at a sensitive gather out of the screen-pop and the call record, live and after the call', async () => {
    const { app, calls } = webhookApp({ project: loadProjectOrThrow(dir) });
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: 'http://localhost:3000', to: DEMO_LINE });
    await caller.ring();
    await caller.press('3');
    await caller.press('975310');
    await caller.press('2026112300');
    expect(caller.last!.verbs.map((v) => v.verb)).toContain('Enqueue');
    const admin = (path: string) => request(app).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);

    const live = await admin(`/api/calls/${caller.sid}/context`);
    expect(live.body).toMatchObject({ source: 'session', keyed: { orderId: '2026112300' }, queue: { queue: 'general' } });
    expect(Object.keys(live.body.keyed)).toEqual(['orderId']);
    expect(JSON.stringify(live.body)).not.toContain('975310');
    expect((await calls.get(caller.sid))!.keyed).toEqual({ orderId: '2026112300' });
    expect(JSON.stringify(await calls.get(caller.sid))).not.toContain('975310');

    await caller.hangUp();
    const after = await admin(`/api/calls/${caller.sid}/context`);
    expect(after.body).toMatchObject({ source: 'record', keyed: { orderId: '2026112300' } });
    expect(JSON.stringify(after.body)).not.toContain('975310');
  });
});
