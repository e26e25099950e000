import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import type { ILayer } from 'express-serve-static-core';
import { parse } from 'yaml';
import { OPENAPI_FILE, openApiYaml } from '../../src/openapi/openapi-yaml';
import type { IvrApp } from '../../src/server/create-app';
import { PUBLIC_BASE_URL, servicesWorld, type ServicesWorld } from '../helpers/services-app';
import { newCallSid, postSigned } from '../helpers/twilio-caller';
import { releaseServers } from '../helpers/release-servers';
import { AUTH_TOKEN } from '../helpers/webhook-app';

type Doc = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
const documented = parse(readFileSync(OPENAPI_FILE, 'utf8')) as Doc;
const ZHANG = '+8613800138000';

/** Every route the app serves under /api, as "METHOD /api/path/{param}": the app's routers, walked. */
function apiRoutes(app: IvrApp): string[] {
  const found = new Set<string>();
  const walk = (stack: readonly ILayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
        if (path.startsWith('/api/')) for (const l of layer.route.stack) found.add(`${l.method.toUpperCase()} ${path}`);
        continue;
      }
      // A router mounted with app.use(router) keeps its own stack on its handler.
      const inner: unknown = Reflect.get(layer.handle, 'stack');
      if (Array.isArray(inner)) walk(inner);
    }
  };
  walk(app.router.stack);
  return [...found].sort();
}

describe('docs/openapi.yaml, the admin API', () => {
  it('is what `ivr openapi` generates from the zod schemas today (run `node src/cli/bin.js openapi` after changing a schema or a route)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiYaml());
  });

  it('documents every /api route the app serves, and no route it does not (ivr serve runs on releases: their routes too)', async () => {
    const world = await servicesWorld();
    const files = releaseServers(world, 'memory:');
    try {
      const served = apiRoutes((await files.server()).app);
      const inDoc = Object.entries(documented.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
      expect(served.length).toBeGreaterThanOrEqual(10);
      expect(inDoc).toEqual(served);
    } finally {
      await files.closeAll();
      await world.close();
    }
  });
});

describe('real answers of the admin API validate against their documented schemas', () => {
  let world: ServicesWorld;
  beforeAll(async () => (world = await servicesWorld()));
  afterAll(() => world.close());

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(documented, 'openapi');
  const check = (component: string, body: unknown) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
    if (!validate) throw new Error(`no component ${component} in ${OPENAPI_FILE}`);
    const ok = validate(body);
    return ok ? 'valid' : ajv.errorsText(validate.errors, { dataVar: component });
  };

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
