import type { AgentConfig } from '../../src/call-centre/agent.schema';
import type { Project } from '../../src/flow/load/load-project';
import { sayDigits } from '../../src/flow/prompts/render-prompt';
import { agentCalls, queueing } from '../helpers/queue-caller';
import { servicesWorld, shippedProject, GENERAL, PUBLIC_BASE_URL, type ServicesWorld } from '../helpers/services-app';
import { newCallSid, postSigned, said, shape } from '../helpers/twilio-caller';

const ZHANG = '+8613800138000';
const WANG = '+8613700137000';
const LI = '+8613600136000';
const ALEX = '+14155550100';

/** Agents of these tests: a security expert for every queue, a general-only agent, an English-only one. */
const EXPERT: AgentConfig = { id: 'zhou-min', name: '周敏', phone: '+8613800000201', skills: ['security', 'general', 'international'], languages: ['zh-CN', 'en-US'] };
const GENERALIST: AgentConfig = { id: 'sun-li', name: '孙丽', client: 'sun-li', skills: ['general'], languages: ['zh-CN'] };
const ENGLISH_ONLY: AgentConfig = { id: 'sam-fox', name: 'Sam Fox', phone: '+14155550199', skills: ['international', 'general'], languages: ['en-US'] };

function withAgents(agents: AgentConfig[], recordCalls?: boolean): Project {
  const shipped = shippedProject();
  const hotlines = recordCalls === undefined ? shipped.hotlines : shipped.hotlines.map((h) => ({ ...h, recordCalls }));
  return { ...shipped, hotlines, centre: { ...shipped.centre, agents } };
}

describe('the agent desk: an agent calls in and takes the next caller, most urgent first', () => {
  let world: ServicesWorld;
  beforeEach(async () => {
    world = await servicesWorld();
  });
  afterEach(() => world.close());

  /** Rings the general line, asks for a person and waits in the general queue. */
  async function ordinaryCaller(server: ReturnType<ServicesWorld['server']>, phone: string) {
    const caller = server.caller(phone);
    await caller.ring();
    await caller.press('0');
    const queue = queueing(caller, world.twilio, phone, GENERAL);
    await queue.enter();
    return caller;
  }

  it('gives an agent the emergency caller before two ordinary callers who waited longer, after a whisper naming the verified account and the ticket', async () => {
    const server = world.server({ project: withAgents([EXPERT, GENERALIST]) });
    const first = await ordinaryCaller(server, WANG);
    world.clock.advance(30_000);
    const second = await ordinaryCaller(server, LI);
    world.clock.advance(30_000);

    const stolen = server.caller(ZHANG);
    await world.reachAccountMenu(stolen, ZHANG);
    await stolen.press('2');
    await stolen.press('1');
    const urgent = queueing(stolen, world.twilio, ZHANG, GENERAL);
    await urgent.enter();
    expect(urgent.name).toBe('urgent');
    world.clock.advance(5_000);
    const [emergency] = (await server.admin.get('/api/tickets?category=emergency')).body.tickets;

    const answer = await agentCalls(server.caller, PUBLIC_BASE_URL, EXPERT.phone!);
    expect(said(answer.verbs)).toEqual([`紧急，已验证账号，账号被盗或资金异常，工单 ${sayDigits(emergency.id)}，普通话。`]);
    expect(shape(answer.verbs)).toEqual(['Say', 'Dial', 'Dial>Queue']);
    const dial = answer.verbs.find((v) => v.verb === 'Dial')!;
    expect(dial.attrs).toMatchObject({
      record: 'record-from-answer-dual',
      recordingStatusCallback: `${PUBLIC_BASE_URL}/twilio/agent/recording?callSid=${stolen.sid}&agent=zhou-min`,
    });
    const bridged = world.twilio.queues.follow('CA-agent-1', answer.verbs).bridged;
    expect(bridged).toEqual({ queue: 'urgent', callSid: stolen.sid, waitedSec: 5 });

    // The next agent gets the ordinary caller who has waited longest.
    const next = await agentCalls(server.caller, PUBLIC_BASE_URL, 'client:sun-li');
    expect(said(next.verbs)).toEqual(['未验证账号，综合服务，普通话。']);
    expect(world.twilio.queues.follow('CA-agent-2', next.verbs).bridged).toMatchObject({ queue: 'general', callSid: first.sid });
    expect(world.twilio.queues.members('general')).toEqual([second.sid]);
    // Twilio read the queues through the REST API.
    expect(world.twilio.requests.filter((r) => r.method === 'GET' && /\/Queues(\/QU[0-9a-f]+\/Members)?\.json/.test(r.path)).length).toBeGreaterThanOrEqual(3);
  });

  it('whispers to an English-speaking agent in English, naming the ticket’s category', async () => {
    const emma: AgentConfig = { id: 'emma-chen', name: 'Emma Chen', phone: '+8613800000103', skills: ['security'], languages: ['en-US', 'zh-CN'] };
    const server = world.server({ project: withAgents([emma]) });
    const stolen = server.caller(ZHANG);
    await world.reachAccountMenu(stolen, ZHANG);
    await stolen.press('2');
    await stolen.press('1');
    await queueing(stolen, world.twilio, ZHANG, GENERAL).enter();
    const [emergency] = (await server.admin.get('/api/tickets?category=emergency')).body.tickets;
    const answer = await agentCalls(server.caller, PUBLIC_BASE_URL, emma.phone!);
    expect(said(answer.verbs)).toEqual([`Emergency, verified account, Account security emergency, ticket ${sayDigits(emergency.id)}, Mandarin.`]);
    expect(answer.verbs[0].attrs.language).toBe('en-US');
  });

  it('answers only requests Twilio signed', async () => {
    const server = world.server({ project: withAgents([EXPERT]) });
    const forged = await postSigned(server.app, { url: `${PUBLIC_BASE_URL}/twilio/agent`, params: { CallSid: newCallSid(), From: EXPERT.phone! }, authToken: 'not-our-token' });
    expect(forged.status).toBe(403);
  });

  it('refuses a phone that is not an agent’s, and never logs its number in full', async () => {
    const server = world.server({ project: withAgents([EXPERT]) });
    await ordinaryCaller(server, WANG);
    const answer = await agentCalls(server.caller, PUBLIC_BASE_URL, '+8613912345678');
    expect(said(answer.verbs)).toEqual(['此号码未登记为坐席，再见。', 'This phone is not registered as an agent. Goodbye.']);
    expect(shape(answer.verbs)).toEqual(['Say', 'Say', 'Hangup']);
    expect(world.twilio.queues.members('general')).toHaveLength(1);
    expect(JSON.stringify(server.logs)).not.toContain('13912345678');
    expect((await agentCalls(server.caller, PUBLIC_BASE_URL, 'client:nobody')).verbs.at(-1)!.verb).toBe('Hangup');
  });

  it('does not give a caller to an agent without their queue’s skill, nor to one who does not speak their language', async () => {
    const server = world.server({ project: withAgents([GENERALIST, ENGLISH_ONLY]) });
    const stolen = server.caller(ZHANG);
    await world.reachAccountMenu(stolen, ZHANG);
    await stolen.press('2');
    await stolen.press('1');
    await queueing(stolen, world.twilio, ZHANG, GENERAL).enter();

    // The general-only agent has no security skill: the urgent caller is not theirs.
    const generalist = await agentCalls(server.caller, PUBLIC_BASE_URL, 'client:sun-li');
    expect(said(generalist.verbs)).toEqual(['目前没有客户在等候，请稍后再拨。']);
    expect(shape(generalist.verbs)).toEqual(['Say', 'Hangup']);

    // A Mandarin caller at the front of the general queue is not for the English-only agent...
    await ordinaryCaller(server, WANG);
    const english = await agentCalls(server.caller, PUBLIC_BASE_URL, ENGLISH_ONLY.phone!);
    expect(said(english.verbs)).toEqual(['No callers are waiting for you right now. Please call again later.']);
    // ...an English caller of the international queue is.
    const alex = server.caller(ALEX, '+86-400-0066-888', { fromCountry: 'US' });
    await alex.ring();
    await alex.press('1');
    await alex.press('0');
    await queueing(alex, world.twilio, ALEX, '+86-400-0066-888').enter();
    const taken = await agentCalls(server.caller, PUBLIC_BASE_URL, ENGLISH_ONLY.phone!);
    expect(said(taken.verbs)).toEqual(['account not verified, International, English.']);
    expect(taken.verbs.find((v) => v.verb === 'Dial')!.children[0]).toMatchObject({ verb: 'Queue', text: 'international' });
  });

  it('still takes a caller our records do not know (put in the queue by another system), with what little is known', async () => {
    const server = world.server({ project: withAgents([GENERALIST]) });
    world.twilio.queues.enqueue('general', 'CA' + 'f'.repeat(32));
    const answer = await agentCalls(server.caller, PUBLIC_BASE_URL, 'client:sun-li');
    expect(said(answer.verbs)).toEqual(['未验证账号，综合服务。']);
    expect(world.twilio.queues.follow('CA-agent', answer.verbs).bridged).toMatchObject({ callSid: 'CA' + 'f'.repeat(32) });
  });

  it('bridges without recording when the caller’s line does not record calls', async () => {
    const server = world.server({ project: withAgents([EXPERT], false) });
    await ordinaryCaller(server, WANG);
    const answer = await agentCalls(server.caller, PUBLIC_BASE_URL, EXPERT.phone!);
    const dial = answer.verbs.find((v) => v.verb === 'Dial')!;
    expect(dial.attrs.record).toBeUndefined();
    expect(dial.attrs.recordingStatusCallback).toBeUndefined();
    expect(dial.children).toEqual([expect.objectContaining({ verb: 'Queue', text: 'general' })]);
  });
});
