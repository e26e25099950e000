import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import type { ILayer } from 'express-serve-static-core';
import request from 'supertest';
import { parse } from 'yaml';
import type { StudioRole } from '../../src/config/studio-users';
import { OPENAPI_FILE, openApiYaml } from '../../src/openapi/openapi-yaml';
import type { IvrApp } from '../../src/server/create-app';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { openTicket, STUDIO_USERS, DESIGNER, SUPERVISOR, VIEWER } from '../studio/studio-fixtures';
import { PUBLIC_BASE_URL, servicesWorld, type ServicesWorld } from '../helpers/services-app';
import { newCallSid, postSigned } from '../helpers/twilio-caller';
import { releaseServers } from '../helpers/release-servers';
import { AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';

type Operation = { 'x-studio-role'?: StudioRole; responses: Record<string, { content?: Record<string, unknown> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
const documented = parse(readFileSync(OPENAPI_FILE, 'utf8')) as Doc;
const ZHANG = '+8613800138000';

/**
 * Every route the app serves under /api and /studio/api, as "METHOD /api/path/{param}": the app's
 * routers, walked, each mounted router's routes under the path it is mounted at.
 */
function apiRoutes(app: IvrApp): string[] {
  const found = new Set<string>();
  const walk = (stack: readonly ILayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = prefix + layer.route.path.replace(/:(\w+)/g, '{$1}');
        if (/^\/(studio\/)?api\//.test(path)) for (const l of layer.route.stack) found.add(`${l.method.toUpperCase()} ${path}`);
        continue;
      }
      // A router mounted with app.use(path, router) keeps its own stack on its handler, its path on the layer.
      const inner: unknown = Reflect.get(layer.handle, 'stack');
      if (!Array.isArray(inner)) continue;
      const mount: unknown = Reflect.get(layer, 'rawPath');
      if (typeof mount !== 'string') throw new Error(`a router mounted at ${String(mount)}: this walk reads only a plain path (Express's router keeps it as layer.rawPath)`);
      walk(inner, mount === '/' ? prefix : prefix + mount);
    }
  };
  walk(app.router.stack, '');
  return [...found].sort();
}

describe('docs/openapi.yaml, the admin API', () => {
  it('is what `ivr openapi` generates from the zod schemas today (run `node src/cli/bin.js openapi` after changing a schema or a route)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiYaml());
  });

  it('documents every /api and /studio/api route the app serves, and no route it does not (ivr serve runs on releases: their routes too)', async () => {
    const world = await servicesWorld();
    const files = releaseServers(world, 'memory:');
    try {
      const served = apiRoutes((await files.server()).app);
      const inDoc = Object.entries(documented.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
      expect(served.filter((r) => r.includes(' /api/')).length).toBeGreaterThanOrEqual(10);
      expect(served.filter((r) => r.includes(' /studio/api/')).length).toBeGreaterThanOrEqual(15);
      expect(inDoc).toEqual(served);
    } finally {
      await files.closeAll();
      await world.close();
    }
  });
});

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(documented, 'openapi');
/** 'valid', or what is wrong with `body` as the documented component. */
const check = (component: string, body: unknown) => {
  const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
  if (!validate) throw new Error(`no component ${component} in ${OPENAPI_FILE}`);
  const ok = validate(body);
  return ok ? 'valid' : ajv.errorsText(validate.errors, { dataVar: component });
};

describe('real answers of the admin API validate against their documented schemas', () => {
  let world: ServicesWorld;
  beforeAll(async () => (world = await servicesWorld()));
  afterAll(() => world.close());

  it('a stolen-account call waiting in the queue, then recorded and reviewed: calls, call, context, tickets, flows, report, QA and errors', async () => {
    const server = world.server({ env: { QA_SAMPLE_PERCENT: '100' } });
    const caller = server.caller(ZHANG);
    await world.reachAccountMenu(caller, ZHANG);
    await caller.press('2');
    await caller.press('1');
    world.clock.advance(45_000);
    const live = await server.admin.get(`/api/calls/${caller.sid}/context`);
    expect(live.body.source).toBe('session');
    expect(check('CallContext', live.body)).toBe('valid');

    await caller.hangUp('completed', 300);
    const recording = world.twilio.addRecording();
    const posted = await postSigned(server.app, {
      url: `${PUBLIC_BASE_URL}/twilio/agent/recording?callSid=${caller.sid}&agent=agent-li`,
      params: { AccountSid: world.twilio.accountSid, CallSid: newCallSid(), RecordingSid: recording.sid, RecordingUrl: recording.url, RecordingStatus: 'completed', RecordingDuration: '240' },
      authToken: AUTH_TOKEN,
    });
    expect(posted.status).toBe(200);

    const answers: Array<[string, string, { status: number; body: unknown }]> = [
      ['CallPage', 'GET /api/calls', await server.admin.get('/api/calls')],
      ['CallDetail', 'GET /api/calls/:sid', await server.admin.get(`/api/calls/${caller.sid}`)],
      ['CallContext', 'GET /api/calls/:sid/context', await server.admin.get(`/api/calls/${caller.sid}/context`)],
      ['TicketPage', 'GET /api/tickets', await server.admin.get('/api/tickets')],
      ['FlowList', 'GET /api/flows', await server.admin.get('/api/flows')],
      ['Report', 'GET /api/reports', await server.admin.get('/api/reports')],
      ['QaPage', 'GET /api/qa', await server.admin.get('/api/qa')],
      ['QaEntryOne', 'PATCH /api/qa/:sid', await server.admin.patch(`/api/qa/${caller.sid}`, { score: 5, note: 'Calm, verified, escalated at once.', reviewer: 'qa-zhou' })],
      ['QaPage', 'GET /api/qa?reviewed=true', await server.admin.get('/api/qa?reviewed=true')],
      ['Error', 'GET unknown call context', await server.admin.get(`/api/calls/${newCallSid()}/context`)],
      ['Error', 'PATCH /api/qa bad score', await server.admin.patch(`/api/qa/${caller.sid}`, { score: 0, note: '', reviewer: 'x' })],
    ];
    const ticketId = (answers[3][2].body as { tickets: Array<{ id: string }> }).tickets[0].id;
    answers.push(['TicketOne', 'GET /api/tickets/:id', await server.admin.get(`/api/tickets/${ticketId}`)]);
    answers.push(['TicketOne', 'PATCH /api/tickets/:id', await server.admin.patch(`/api/tickets/${ticketId}`, { status: 'in_progress', note: 'called back' })]);

    expect(answers.map(([, what, res]) => `${what} ${res.status}`)).toEqual([
      'GET /api/calls 200',
      'GET /api/calls/:sid 200',
      'GET /api/calls/:sid/context 200',
      'GET /api/tickets 200',
      'GET /api/flows 200',
      'GET /api/reports 200',
      'GET /api/qa 200',
      'PATCH /api/qa/:sid 200',
      'GET /api/qa?reviewed=true 200',
      'GET unknown call context 404',
      'PATCH /api/qa bad score 400',
      'GET /api/tickets/:id 200',
      'PATCH /api/tickets/:id 200',
    ]);
    expect(answers.map(([component, what, res]) => `${what}: ${check(component, res.body)}`)).toEqual(answers.map(([, what]) => `${what}: valid`));
  });

  it('can fail: an answer missing a field or carrying one the schema does not know is refused', () => {
    const entry = { callSid: 'CA1', hotline: 'general', agent: 'agent-li', markedAt: 1, markedAtIso: '2026-11-23T10:00:00.000+08:00', review: null };
    expect(check('QaEntry', entry)).toBe('valid');
    const { agent: _agent, ...withoutAgent } = entry;
    expect(check('QaEntry', withoutAgent)).toMatch(/must have required property 'agent'/);
    expect(check('QaEntry', { ...entry, caller: '+8613800138000' })).toMatch(/must NOT have additional properties/);
  });
});

describe('the studio API (/studio/api) as documented', () => {
  const project = loadProjectOrThrow('flows');
  const AT = '2026-11-24T10:00:00+08:00';
  const TOKEN: Record<StudioRole, string> = { viewer: VIEWER, supervisor: SUPERVISOR, designer: DESIGNER };
  const BELOW: Record<StudioRole, StudioRole | undefined> = { viewer: undefined, supervisor: 'viewer', designer: 'supervisor' };
  const studioOps = Object.entries(documented.paths)
    .filter(([path]) => path.startsWith('/studio/api/'))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method,
        path,
        role: op['x-studio-role'],
        streams: Object.keys(op.responses['200']?.content ?? {}).includes('text/event-stream'),
      })),
    );
  /** The path with its parameter filled: a ticket and a flow that exist, a softphone call that does not. */
  const real = (path: string) => path.replace('{id}', path.includes('/tickets/') ? '20480001' : path.includes('/flows/') ? 'general' : 'no-such-call');

  function studioWorld() {
    const world = webhookApp({ project, env: { STUDIO_USERS } });
    const send = (method: string, path: string, token: string | undefined, body: object = {}) => {
      const url = `/studio/api${path}`;
      const req = method === 'get' ? request(world.app).get(url) : method === 'post' ? request(world.app).post(url).send(body) : request(world.app).patch(url).send(body);
      return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
    };
    return { world, send };
  }

  it('every route refuses a request without a token (401) and a user below the role its description names (403), and lets that role through', async () => {
    const { world, send } = studioWorld();
    await openTicket(world.services.tickets, world.clock.now(), { id: '20480001', category: 'account', slaMinutes: 2880 });
    expect(studioOps.length).toBeGreaterThanOrEqual(15);
    const seen: string[] = [];
    for (const op of studioOps) {
      const what = `${op.method.toUpperCase()} ${op.path} (${op.role})`;
      if (!op.role) throw new Error(`${what} says no x-studio-role`);
      const path = real(op.path).slice('/studio/api'.length);
      const below = BELOW[op.role];
      seen.push(`${what}: no token ${(await send(op.method, path, undefined)).status}`);
      if (below) seen.push(`${what}: ${below} ${(await send(op.method, path, TOKEN[below])).status}`);
      // A stream answers until the client goes away: its role is let through by the hotlines page's own test.
      if (!op.streams) {
        const status = (await send(op.method, path, TOKEN[op.role])).status;
        seen.push(`${what}: ${op.role} ${status === 401 || status === 403 ? `refused ${status}` : 'let through'}`);
      }
    }
    const expected = studioOps.flatMap((op) => {
      const what = `${op.method.toUpperCase()} ${op.path} (${op.role})`;
      const below = op.role ? BELOW[op.role] : undefined;
      return [`${what}: no token 401`, ...(below ? [`${what}: ${below} 403`] : []), ...(op.streams ? [] : [`${what}: ${op.role} let through`])];
    });
    expect(seen).toEqual(expected);
  });

  it('real answers validate against their documented schemas: a supervisor and a viewer on the boards, the flows and the softphone, and errors', async () => {
    const { world, send } = studioWorld();
    await openTicket(world.services.tickets, world.clock.now(), { id: '20480001', category: 'emergency', slaMinutes: 15, minutesAgo: 20 });
    const sam = (method: string, path: string, body?: object) => send(method, path, SUPERVISOR, body);
    const victor = (method: string, path: string, body?: object) => send(method, path, VIEWER, body);

    const placed = await sam('post', '/calls', { hotline: 'general', from: '+8613800138000', country: 'CN', at: AT });
    const callId = (placed.body as { id: string }).id;
    const pressed = await sam('post', `/calls/${callId}/press`, { keys: '1' });
    const script = await sam('post', `/calls/${callId}/script`, {});
    const answers: Array<[string, string, { status: number; body: unknown }]> = [
      ['StudioMe', 'GET /me', await sam('get', '/me')],
      ['StudioHotlinesBoard', 'GET /hotlines', await victor('get', '/hotlines')],
      ['StudioTicketsBoard', 'GET /tickets as supervisor', await sam('get', '/tickets')],
      ['StudioTicketsBoard', 'GET /tickets as viewer', await victor('get', '/tickets')],
      ['StudioTicketOne', 'PATCH /tickets/:id', await sam('patch', '/tickets/20480001', { status: 'in_progress', note: 'called back' })],
      ['StudioSatisfaction', 'GET /satisfaction', await sam('get', '/satisfaction?days=7')],
      ['StudioFlowList', 'GET /flows', await victor('get', '/flows')],
      ['StudioFlowView', 'GET /flows/general', await victor('get', '/flows/general')],
      ['SoftphoneLines', 'GET /softphone/lines', await sam('get', '/softphone/lines')],
      ['SoftphoneCall', 'POST /calls', placed],
      ['SoftphoneCall', 'POST /calls/:id/press', pressed],
      ['CallScriptAnswer', 'POST /calls/:id/script', script],
      ['CallScriptCheck', 'POST /call-scripts/check', await sam('post', '/call-scripts/check', { yaml: (script.body as { yaml: string }).yaml })],
      ['Error', 'GET /flows/nope', await victor('get', '/flows/nope')],
      ['Error', 'POST /calls as viewer', await victor('post', '/calls', {})],
      ['Error', 'PATCH /tickets/:id bad id', await sam('patch', '/tickets/12', {})],
    ];
    expect(answers.map(([, what, res]) => `${what} ${res.status}`)).toEqual([
      'GET /me 200',
      'GET /hotlines 200',
      'GET /tickets as supervisor 200',
      'GET /tickets as viewer 200',
      'PATCH /tickets/:id 200',
      'GET /satisfaction 200',
      'GET /flows 200',
      'GET /flows/general 200',
      'GET /softphone/lines 200',
      'POST /calls 201',
      'POST /calls/:id/press 200',
      'POST /calls/:id/script 200',
      'POST /call-scripts/check 200',
      'GET /flows/nope 404',
      'POST /calls as viewer 403',
      'PATCH /tickets/:id bad id 400',
    ]);
    expect(answers.map(([component, what, res]) => `${what}: ${check(component, res.body)}`)).toEqual(answers.map(([, what]) => `${what}: valid`));
  });
});
