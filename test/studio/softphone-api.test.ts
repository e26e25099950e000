import request from 'supertest';
import { parse } from 'yaml';
import { CallScriptFileSchema } from '../../src/coverage/call-script.schema';
import { runScenario } from '../../src/coverage/run-scenario';
import { ScenarioSchema } from '../../src/coverage/scenario';
import type { CallView } from '../../src/server/studio/softphone-schema';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { webhookApp } from '../helpers/webhook-app';

const DESIGNER = 'alice-token-0123456789';
const SUPERVISOR = 'sam-token-0123456789';
const VIEWER = 'victor-token-0123456789';
const USERS = `alice:designer:${DESIGNER},sam:supervisor:${SUPERVISOR},victor:viewer:${VIEWER}`;
const WEEKDAY_10AM = '2026-11-23T10:00:00+08:00';
const PHONE = '+8613800138000';

function studio() {
  const project = loadProjectOrThrow('flows');
  const { app, clock } = webhookApp({ project, env: { STUDIO_USERS: USERS } });
  const as = (token: string) => ({
    post: (path: string, body: object = {}) => request(app).post(`/studio/api${path}`).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => request(app).get(`/studio/api${path}`).set('Authorization', `Bearer ${token}`),
  });
  return { project, clock, as };
}

describe('the softphone API: simulated calls on the draft', () => {
  it('takes a stolen-account caller through the SMS code to the emergency ticket, and saves the call as a script that passes', async () => {
    const { project, as } = studio();
    const alice = as(DESIGNER);
    const placed = await alice.post('/calls', { hotline: 'general', from: PHONE, country: 'CN', at: WEEKDAY_10AM });
    expect(placed.status).toBe(201);
    let call = placed.body as CallView;
    expect(call.lines.some((l) => l.who === 'ivr' && l.lang === 'zh-CN' && l.text?.includes('欢迎致电客服中心'))).toBe(true);
    expect(call.waiting).toMatchObject({ kind: 'digits', numDigits: 1, speech: true });
    call = (await alice.post(`/calls/${call.id}/press`, { keys: '1' })).body;
    call = (await alice.post(`/calls/${call.id}/press`, { keys: '1' })).body;
    const sms = call.lines.find((l) => l.who === 'sms');
    const code = sms?.who === 'sms' ? /\d{6}/.exec(sms.body)?.[0] : undefined;
    expect(code).toMatch(/^\d{6}$/);
    call = (await alice.post(`/calls/${call.id}/press`, { keys: code })).body;
    call = (await alice.post(`/calls/${call.id}/press`, { keys: '2' })).body;
    expect(call.position?.path).toContain('emergency_ticket');
    expect(call.lines.some((l) => l.who === 'ivr' && /工单号是[\d ]+/.test(l.text ?? ''))).toBe(true);
    // The code never shows as pressed.
    expect(call.lines.some((l) => l.who === 'caller' && l.text.includes(code!))).toBe(false);

    const script = await alice.post(`/calls/${call.id}/script`, {});
    expect(script.body.fileName).toBe('general.studio.calls.yaml');
    const file = CallScriptFileSchema.parse(parse(script.body.yaml));
    expect(file.calls[0].steps).toContainEqual({ do: 'enterCode', sentTo: PHONE, wrong: false });
    const replay = await runScenario(project, ScenarioSchema.parse(file.calls[0]));
    expect(replay.failures).toEqual([]);
    const check = await alice.post('/call-scripts/check', { yaml: script.body.yaml });
    expect(check.body).toEqual({ ok: true, problems: [], calls: [{ name: file.calls[0].name, failures: [] }] });
    const broken = await alice.post('/call-scripts/check', { yaml: 'calls:\n  - name: x\n    dial: 400-0066-888\n    at: now\n    steps: [ { jump: 1 } ]\n' });
    expect(broken.body.ok).toBe(false);
    expect(broken.body.problems.join('\n')).toMatch(/a step is one of: press, say/);
  });

  it('hears words where the flow listens, refuses them where it does not (409), and hangs up', async () => {
    const { as } = studio();
    const sam = as(SUPERVISOR);
    let call: CallView = (await sam.post('/calls', { dial: '400-0066-888', from: PHONE, at: WEEKDAY_10AM })).body;
    call = (await sam.post(`/calls/${call.id}/say`, { text: '我的账号被盗了', confidence: 0.9 })).body;
    expect(call.position?.path).toContain('emergency_identity');
    expect(call.lines.some((l) => l.who === 'ivr' && l.text?.includes('使用该号码接收验证码'))).toBe(true);
    call = (await sam.post(`/calls/${call.id}/hangup`)).body;
    expect(call.ended).toEqual({ kind: 'hangup' });
    const late = await sam.post(`/calls/${call.id}/press`, { keys: '1' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/has ended/);
  });

  it('lets viewers place no call, shows a call to its owner only, caps calls per user and drops idle ones', async () => {
    const { as, clock } = studio();
    expect((await as(VIEWER).post('/calls', { hotline: 'general', from: PHONE, at: WEEKDAY_10AM })).status).toBe(403);
    expect((await as(VIEWER).get('/softphone/lines')).status).toBe(403);
    const alice = as(DESIGNER);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await alice.post('/calls', { hotline: 'general', from: PHONE, at: WEEKDAY_10AM })).body.id);
    const fourth = await alice.post('/calls', { hotline: 'general', from: PHONE, at: WEEKDAY_10AM });
    expect(fourth.status).toBe(429);
    expect((await as(SUPERVISOR).get(`/calls/${ids[0]}`)).status).toBe(404);
    expect((await alice.post(`/calls/${ids[0]}/press`, { keys: '1; rm -rf' })).status).toBe(400);
    expect((await alice.post('/calls', { hotline: 'general', from: '13800138000', at: WEEKDAY_10AM })).status).toBe(400);
    expect((await alice.post('/calls', { hotline: 'nope', from: PHONE, at: WEEKDAY_10AM })).body.error).toMatch(/no hotline "nope" in the draft; one of: general/);
    // An ended call makes room for a new one.
    await alice.post(`/calls/${ids[0]}/hangup`);
    expect((await alice.post('/calls', { hotline: 'general', from: PHONE, at: WEEKDAY_10AM })).status).toBe(201);
    clock.advance(16 * 60_000);
    expect((await alice.get(`/calls/${ids[1]}`)).status).toBe(404);
    expect((await alice.post('/calls', { hotline: 'general', from: PHONE, at: WEEKDAY_10AM })).status).toBe(201);
  });
});
