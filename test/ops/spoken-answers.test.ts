import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { whisper } from '../../src/desk/desk-texts';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { formatReport } from '../../src/reports/format-report';
import type { Report } from '../../src/reports/report';
import { ADMIN_TOKEN } from '../helpers/webhook-app';
import type { TwilioCaller } from '../helpers/twilio-caller';
import { opsApp, parseSamples, sampleValue, type OpsApp } from './ops-app';

/** The 直播服务 line of test/fixtures/flows/speech: its one menu listens to words as well as keys. */
const LIVE = '400-666-1234';
const METRICS_TOKEN = 'metrics-token-0123456789';

describe('spoken answers in the records, the screen-pop, the metrics and the report (a listening menu, SQLite, signed webhooks)', () => {
  let dir: string;
  let ops: OpsApp;
  let angryBan: TwilioCaller;
  let upsetPerson: TwilioCaller;
  let keys: TwilioCaller;
  let unsure: TwilioCaller;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-spoken-'));
    ops = opsApp({ project: loadProjectOrThrow('test/fixtures/flows/speech'), env: { DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`, METRICS_TOKEN } });
    const call = async (from: string) => {
      const c = ops.caller(from, LIVE);
      await c.ring();
      return c;
    };

    // An angry streamer says their room was banned: a ban ticket, one priority step up, goodbye.
    angryBan = await call('+8613800000001');
    await angryBan.say('我要投诉，直播间又被封禁了', 0.92);
    await angryBan.hangUp('completed', 60);

    // Mumbling the recogniser is unsure of (no match), then "气死了，转人工": a person, at high priority.
    upsetPerson = await call('+8613800000002');
    await upsetPerson.say('嗯那个啊', 0.3);
    await upsetPerson.say('气死了，转人工', 0.85);

    // Keys only: 3 for other questions, to the same queue at normal priority.
    keys = await call('+8613800000003');
    await keys.press('3');

    // A half-heard "封禁" (Confidence 0.35) is confirmed, not acted on; "是" opens the ban ticket.
    unsure = await call('+8613800000004');
    await unsure.say('封禁', 0.35);
    await unsure.say('是', 0.9);
    await unsure.hangUp('completed', 60);
  });
  afterAll(() => {
    ops.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = async (c: TwilioCaller) => (await ops.admin(`/api/calls/${c.sid}`)).body.call;

  it('records how each spoken turn was understood at the menu it answered, never the words, and marks the distressed call with its raised priority', async () => {
    const upset = await record(upsetPerson);
    expect(upset.turns).toEqual([
      expect.objectContaining({ n: 0, input: 'call', node: 'menu', result: 'waiting' }),
      expect.objectContaining({ n: 1, input: 'speech', from: 'menu', node: 'menu', heard: 'noMatch', lowConfidence: true, result: 'waiting' }),
      expect.objectContaining({ n: 2, input: 'speech', from: 'menu', node: 'agent', heard: 'choice', distressed: true, result: 'transferred' }),
    ]);
    expect(upset.turns[0].from).toBeUndefined();
    expect(upset.turns[2].lowConfidence).toBeUndefined();
    expect(upset).toMatchObject({ distressed: true, transfer: { queue: 'live', priority: 'high' }, outcome: 'transferred' });

    const pressed = await record(keys);
    expect(pressed.turns[1]).toMatchObject({ input: 'digits', from: 'menu', node: 'agent' });
    expect(pressed.turns[1].heard).toBeUndefined();
    expect(pressed.distressed).toBeUndefined();
    expect(pressed.transfer).toEqual({ queue: 'live', priority: 'normal' });

    const confirmed = await record(unsure);
    expect(confirmed.turns.slice(1).map((t: { heard?: string; lowConfidence?: true }) => [t.heard, t.lowConfidence ?? false])).toEqual([['unsure', true], ['yes', false]]);

    const words = ['投诉', '封号', '气死', '转人工', '嗯那个'];
    for (const c of [angryBan, upsetPerson, keys, unsure]) {
      const text = JSON.stringify(await record(c));
      for (const w of words) expect(text).not.toContain(w);
    }
    for (const line of ops.logs) for (const w of words) expect(JSON.stringify(line)).not.toContain(w);
  });

  it("shows the agent that the caller sounded distressed, with the priority raised, in the call's language", async () => {
    const res = await ops.admin(`/api/calls/${upsetPerson.sid}/context`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'session',
      queue: { queue: 'live', priority: 'high' },
      flags: [{ kind: 'distress', detail: '来电者情绪激动或焦急（投诉、不满、催促），优先级已提升为“高”。' }],
    });
    const record = (await ops.admin(`/api/calls/${upsetPerson.sid}`)).body.call;
    expect(res.body.flags[0].at).toBe(record.turns[2].at);

    const ban = await ops.admin(`/api/calls/${angryBan.sid}/context`);
    expect(ban.body.tickets).toEqual([expect.objectContaining({ category: 'live_ban', priority: 'high' })]);
    expect(ban.body.flags).toEqual([expect.objectContaining({ kind: 'distress', detail: expect.stringContaining('转人工和工单的优先级将提升一级') })]);

    expect((await ops.admin(`/api/calls/${keys.sid}/context`)).body.flags).toEqual([]);
  });

  it('whispers to the agent that the caller is upset, after the queue class', () => {
    const queue = { id: 'live', name: { 'zh-CN': '直播服务', 'en-US': 'Live streaming' }, class: 'emergency' as const };
    const brief = { callSid: 'CA1', lang: 'zh-CN' as const, verified: false, distressed: true as const, priority: 'urgent' as const };
    expect(whisper(brief, queue, 'zh-CN')).toBe('紧急，客户情绪激动，未验证账号，直播服务，普通话。');
    expect(whisper(brief, queue, 'en-US')).toBe('Emergency, caller sounds upset, account not verified, Live streaming, Mandarin.');
  });

  it('counts answers by keys and speech per node, spoken turns by how they were understood, low confidence and distressed calls', async () => {
    const res = await request(ops.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    const m = parseSamples(res.text);
    const at = { flow: 'live', node: 'menu' };
    expect(sampleValue(m, 'ivr_answers_total', { ...at, via: 'speech' })).toBe(5);
    expect(sampleValue(m, 'ivr_answers_total', { ...at, via: 'keys' })).toBe(1);
    expect(sampleValue(m, 'ivr_spoken_turns_total', { ...at, result: 'choice' })).toBe(2);
    expect(sampleValue(m, 'ivr_spoken_turns_total', { ...at, result: 'noMatch' })).toBe(1);
    expect(sampleValue(m, 'ivr_spoken_turns_total', { ...at, result: 'unsure' })).toBe(1);
    expect(sampleValue(m, 'ivr_spoken_turns_total', { ...at, result: 'yes' })).toBe(1);
    expect(sampleValue(m, 'ivr_spoken_low_confidence_total', at)).toBe(2);
    expect(sampleValue(m, 'ivr_distressed_calls_total', { hotline: 'live' })).toBe(2);
    // The keys keep their own counter; words never become a label.
    expect(sampleValue(m, 'ivr_menu_choices_total', { ...at, key: '3' })).toBe(1);
    expect(res.text).not.toMatch(/投诉|封禁|转人工/);
  });

  it('reports per node the speech share, no-match and low-confidence rates, and the distressed calls with their outcomes', async () => {
    ops.clock.advance(60_000);
    const res = await request(ops.app).get('/api/reports?hotline=live').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(res.status).toBe(200);
    const report = res.body as Report;
    expect(report.answers).toEqual({
      speechShare: 5 / 6,
      byNode: [
        {
          flowId: 'live', node: 'menu', answers: 6, keys: 1, speech: 5, speechShare: 5 / 6,
          heard: { choice: 2, unsure: 1, digits: 0, yes: 1, no: 0, noMatch: 1 },
          noMatchRate: 1 / 5, lowConfidence: 2, lowConfidenceRate: 2 / 5,
        },
      ],
    });
    expect(report.distress).toEqual({
      calls: 2,
      // The upset caller is still waiting for an agent: their outcome (transferred) is decided already.
      inProgress: 0,
      outcomes: { 'self-served': 0, transferred: 1, ticket: 1, voicemail: 0, abandoned: 0, 'after-hours': 0 },
      byHotline: { live: 2 },
    });
    const text = formatReport(report);
    expect(text).toMatch(/live\s+menu\s+6\s+1\s+5\s+83\.3%\s+1\s+1\s+20\.0%\s+2\s+40\.0%/);
    expect(text).toContain('2 calls (live 2); 0 still in the flow');
  });
});
