import { sayDigits } from '../../src/flow/prompts/render-prompt';
import { FIRST_CALL_AFTER_MS } from '../../src/services/callbacks/callback-schedule';
import { said, shape, type TwilioCaller } from '../helpers/twilio-caller';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const GENERAL_NUMBER = '+864000066888';
const MIN = 60_000;

type Server = ReturnType<ServicesWorld['server']>;

/** The caller waits in the general queue, presses 1 for a call back, hears the booking and hangs up. */
async function pressOneAndHangUp(caller: TwilioCaller): Promise<void> {
  await caller.ring();
  await caller.press('0');
  const enqueue = caller.last!.verbs.find((v) => v.verb === 'Enqueue')!;
  const params = { CallSid: caller.sid, To: '400-0066-888', From: ZHANG };
  const wait = await caller.post(enqueue.attrs.waitUrl, { ...params, QueuePosition: '3', AvgQueueTime: '120' });
  await caller.post(wait.verbs[0].attrs.action, { ...params, Digits: '1' });
  await caller.post(enqueue.attrs.action, { ...params, QueueResult: 'leave', QueueTime: '60' });
  await caller.hangUp('completed', 80);
}

describe('call backs: the ticket promises a call and the dialler really places it', () => {
  let world: ServicesWorld;
  let server: Server;
  beforeEach(async () => {
    world = await servicesWorld();
    server = world.server();
  });
  afterEach(() => world.close());

  const callbackTicket = async () => {
    const { body } = await server.admin.get('/api/tickets?category=callback');
    expect(body.tickets).toHaveLength(1);
    return body.tickets[0] as { id: string; status: string; notes: { text: string }[] };
  };

  it('calls back a caller who pressed 1 in the queue: one calls.create at the due time, whose TwiML announces the ticket and puts them in the callback queue', async () => {
    await pressOneAndHangUp(server.caller(ZHANG));
    const ticket = await callbackTicket();

    await server.dial();
    expect(world.twilio.calls).toHaveLength(0);

    world.clock.advance(FIRST_CALL_AFTER_MS);
    expect(await server.dial()).toMatchObject({ placed: 1 });
    expect(await server.dial()).toMatchObject({ placed: 0 });
    expect(world.twilio.calls).toHaveLength(1);
    const [call] = world.twilio.calls;
    expect(call).toMatchObject({
      to: ZHANG,
      from: GENERAL_NUMBER,
      url: `http://localhost:3000/twilio/callback/answer?ticket=${ticket.id}&attempt=1`,
      statusCallback: `http://localhost:3000/twilio/callback/status?ticket=${ticket.id}&attempt=1`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      timeout: 30,
      machineDetection: 'Enable',
    });

    const [answered] = await server.connectCalls();
    expect(answered.answerStatus).toBe(200);
    expect(said(answered.verbs)[0]).toBe(`您好，这里是综合服务客服，就您的工单 ${sayDigits(ticket.id)}（预约回电）给您回电，正在为您接通客服人员，请稍候。`);
    expect(shape(answered.verbs)).toEqual(['Say', 'Enqueue']);
    expect(answered.verbs[1]).toMatchObject({ text: 'callback', attrs: { waitUrl: 'http://localhost:3000/twilio/callback/wait?lang=zh-CN' } });
    expect(answered.statusCallbacks).toEqual([200, 200]);

    expect(await server.services.callbacks.get(ticket.id)).toMatchObject({ status: 'answered', attempts: 1, results: [{ attempt: 1, callSid: call.sid, outcome: 'answered' }] });
    expect((await callbackTicket()).notes.map((n) => n.text)).toEqual([`回电第1次（${call.sid}）：已接通，转入人工`]);
    world.clock.advance(60 * MIN);
    await server.dial();
    expect(world.twilio.calls).toHaveLength(1);
    expect(await server.scrape()).toMatch(/ivr_callbacks_answered_total\{category="callback"\} 1/);
  });

  it('retries a busy customer after retryMinutes, and after three unanswered calls texts them once and leaves the ticket open for a person', async () => {
    await pressOneAndHangUp(server.caller(ZHANG));
    const ticket = await callbackTicket();
    world.twilio.callee(ZHANG, 'busy', 'no-answer', 'machine');

    world.clock.advance(FIRST_CALL_AFTER_MS);
    await server.dial();
    expect((await server.connectCalls()).map((c) => c.callee)).toEqual(['busy']);
    world.clock.advance(10 * MIN - 1);
    await server.dial();
    expect(world.twilio.calls).toHaveLength(1);
    world.clock.advance(1);
    await server.dial();
    expect(world.twilio.calls).toHaveLength(2);
    await server.connectCalls();

    world.clock.advance(10 * MIN);
    await server.dial();
    const [voicemail] = await server.connectCalls();
    expect(said(voicemail.verbs)).toEqual([`您好，这里是综合服务客服，就您的工单 ${sayDigits(ticket.id)} 给您回电未能接通，我们稍后会再次致电。`]);
    expect(shape(voicemail.verbs)).toEqual(['Say', 'Hangup']);

    const job = await server.services.callbacks.get(ticket.id);
    expect(job).toMatchObject({ status: 'exhausted', attempts: 3 });
    expect(job!.results.map((r) => r.outcome)).toEqual(['busy', 'no-answer', 'voicemail']);
    // Twilio posting the last result again changes nothing and texts nobody twice.
    await server.services.callbackResults.record({ ticketId: ticket.id, attempt: 3, callSid: voicemail.call.sid, outcome: 'voicemail' });

    world.clock.advance(60 * MIN);
    await server.dial();
    expect(world.twilio.calls).toHaveLength(3);
    await server.flush();
    const missed = world.textsTo(ZHANG).filter((t) => t.includes('未能接通'));
    expect(missed).toEqual([`【客服热线】我们就工单${ticket.id.slice(0, 4)} ${ticket.id.slice(4)}给您回电3次未能接通。工单仍在处理中，客服人员会继续跟进；您也可随时来电并提供工单号。`]);
    const after = await callbackTicket();
    expect(after.status).toBe('open');
    expect(after.notes.map((n) => n.text).at(-1)).toMatch(/3次均未接通，已短信告知客户，请人工跟进$/);
    expect(await server.scrape()).toMatch(/ivr_callbacks_exhausted_total\{category="callback"\} 1/);
  });

  it('does not place twice the call of a dialler that died after calls.create and before recording it: the next one finds it at Twilio', async () => {
    await pressOneAndHangUp(server.caller(ZHANG));
    const ticket = await callbackTicket();
    world.clock.advance(FIRST_CALL_AFTER_MS);
    // A dialler claims the job and Twilio takes its call; the server dies before the CallSid is stored.
    const [claimed] = await server.services.callbacks.claimDue({ now: world.clock.now(), limit: 1, leaseMs: MIN, claimer: 'dead-dialler' });
    expect(claimed.ticketId).toBe(ticket.id);
    await server.services.dialler.flush();
    expect(world.twilio.calls).toHaveLength(0);
    const { client } = await import('../helpers/placed-call');
    await client(world.twilio).calls.create({ to: ZHANG, from: GENERAL_NUMBER, url: 'http://localhost:3000/twilio/callback/answer', statusCallback: 'http://localhost:3000/twilio/callback/status', statusCallbackEvent: ['completed'], timeout: 30, machineDetection: 'Enable' });

    world.clock.advance(MIN);
    const restarted = world.server();
    expect(await restarted.dial()).toMatchObject({ placed: 0, alreadyPlaced: 1 });
    expect(world.twilio.calls).toHaveLength(1);
    expect(await restarted.services.callbacks.get(ticket.id)).toMatchObject({ status: 'placed', attempts: 1, callSid: world.twilio.calls[0].sid });
  });

  it('asks Twilio for the result of a call whose status callback never came, and retries the busy customer', async () => {
    await pressOneAndHangUp(server.caller(ZHANG));
    const ticket = await callbackTicket();
    world.twilio.callee(ZHANG, 'busy');
    world.clock.advance(FIRST_CALL_AFTER_MS);
    await server.dial();
    await server.connectCalls({ statusCallbacks: false });
    expect(await server.services.callbacks.get(ticket.id)).toMatchObject({ status: 'placed', attempts: 1 });

    world.clock.advance(10 * MIN);
    expect(await server.dial()).toMatchObject({ recovered: 0, placed: 0 });
    world.clock.advance(6 * MIN);
    expect(await server.dial()).toMatchObject({ recovered: 1 });
    expect(await server.services.callbacks.get(ticket.id)).toMatchObject({ status: 'pending', results: [{ attempt: 1, outcome: 'busy' }] });
    world.clock.advance(10 * MIN);
    expect(await server.dial()).toMatchObject({ placed: 1 });
    expect(world.twilio.calls).toHaveLength(2);
  });

  it('does not call a customer whose ticket staff resolved before the call back was due', async () => {
    await pressOneAndHangUp(server.caller(ZHANG));
    const ticket = await callbackTicket();
    expect((await server.admin.patch(`/api/tickets/${ticket.id}`, { status: 'resolved', note: '客户来电已解决' })).status).toBe(200);
    world.clock.advance(FIRST_CALL_AFTER_MS);
    expect(await server.dial()).toMatchObject({ placed: 0, cancelled: 1 });
    world.clock.advance(60 * MIN);
    await server.dial();
    expect(world.twilio.calls).toHaveLength(0);
    expect(await server.services.callbacks.get(ticket.id)).toMatchObject({ status: 'cancelled', attempts: 0 });
  });

  it('calls a stolen-account caller back within the 15-minute promise, puts them in the urgent queue, and retries a busy line after 3 minutes', async () => {
    const caller = server.caller(ZHANG);
    await world.reachAccountMenu(caller, ZHANG);
    await caller.press('2');
    const ticketId = /工单号是((?:\d ){7}\d)。/.exec(caller.heard()[0])![1].replace(/ /g, '');
    await caller.press('2');
    await caller.hangUp('completed', 120);
    world.twilio.callee(ZHANG, 'busy', 'human');

    world.clock.advance(FIRST_CALL_AFTER_MS);
    await server.dial();
    await server.connectCalls();
    world.clock.advance(3 * MIN);
    await server.dial();
    const [answered] = await server.connectCalls();
    expect(said(answered.verbs)).toEqual([`您好，这里是综合服务客服，就您的工单 ${sayDigits(ticketId)}（账号安全紧急）给您回电，正在为您接通客服人员，请稍候。`]);
    expect(answered.verbs[1]).toMatchObject({ verb: 'Enqueue', text: 'urgent' });
    const job = await server.services.callbacks.get(ticketId);
    expect(job).toMatchObject({ status: 'answered', attempts: 2, queue: 'urgent' });
    expect(job!.firstPlacedAt! - job!.createdAt).toBeLessThanOrEqual(15 * MIN);
    expect(await server.scrape()).toMatch(/ivr_callbacks_first_placed_total\{category="emergency",within_promise="true"\} 1/);
  });

  it('answers an answer request it cannot prepare with an apology and a person, and refuses a forged one', async () => {
    const { postSigned } = await import('../helpers/twilio-caller');
    const url = 'http://localhost:3000/twilio/callback/answer?ticket=99999999&attempt=1';
    const params = { CallSid: 'CA0123456789abcdef0123456789abcdef', From: GENERAL_NUMBER, To: ZHANG, AnsweredBy: 'human' };
    const res = await postSigned(server.app, { url, params, authToken: server.config.twilio.authToken });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Say');
    expect(res.text).toContain('抱歉，系统出现问题，正在为您转接客服人员。');
    expect(res.text).toMatch(/<Enqueue[^>]*>callback<\/Enqueue>/);
    expect((await postSigned(server.app, { url, params, authToken: 'not-the-token' })).status).toBe(403);
  });

  it('schedules the call back of a ticket stored by a server that died before scheduling it', async () => {
    const now = world.clock.now();
    // What a server that died between the two writes leaves: the ticket, and no call back.
    await server.services.tickets.insertOnce({
      id: '20481736', key: 'CAdied/queue-callback', hotline: 'general', category: 'callback', priority: 'normal', status: 'open', callSid: 'CAdied', callerPhone: ZHANG,
      lang: 'zh-CN', summary: '排队等待时选择回电（general队列）', path: [], vars: {}, createdAt: now, dueAt: now + 240 * MIN, slaMinutes: 240, notes: [],
    });
    const restarted = world.server();
    expect(await restarted.services.callbackSweep.run()).toBe(1);
    expect(await restarted.services.callbackSweep.run()).toBe(0);
    world.clock.advance(5 * MIN);
    expect(await restarted.services.callbackSweep.run()).toBe(0);
    expect(await restarted.dial()).toMatchObject({ placed: 1 });
    expect(world.twilio.calls.map((c) => c.url)).toEqual(['http://localhost:3000/twilio/callback/answer?ticket=20481736&attempt=1']);
  });
});

describe('call backs wait for their queue’s agents', () => {
  let world: ServicesWorld;
  afterEach(() => world.close());

  it('a call back due after the commerce line closes at 24:00 is placed at 08:00, when its agents work again, with no attempt used', async () => {
    world = await servicesWorld({ at: '2026-11-23T23:59:00+08:00' });
    const server = world.server();
    const caller = server.caller(ZHANG, '400-101-5454');
    await caller.ring();
    await caller.press('0');
    const enqueue = caller.last!.verbs.find((v) => v.verb === 'Enqueue')!;
    const params = { CallSid: caller.sid, To: '400-101-5454', From: ZHANG };
    const wait = await caller.post(enqueue.attrs.waitUrl, { ...params, QueuePosition: '1', AvgQueueTime: '30' });
    await caller.post(wait.verbs[0].attrs.action, { ...params, Digits: '1' });
    await caller.post(enqueue.attrs.action, { ...params, QueueResult: 'leave', QueueTime: '20' });
    await caller.hangUp('completed', 40);
    const { body } = await server.admin.get('/api/tickets?category=callback');
    const ticketId = body.tickets[0].id as string;

    // Due two minutes later, after midnight: nobody works the commerce line's queues then.
    world.clock.advance(FIRST_CALL_AFTER_MS);
    expect(await server.dial()).toMatchObject({ placed: 0, deferred: 1 });
    expect(world.twilio.calls).toHaveLength(0);
    expect(await server.services.callbacks.get(ticketId)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: Date.parse('2026-11-24T08:00:00+08:00') });

    world.clock.set(Date.parse('2026-11-24T07:59:00+08:00'));
    expect(await server.dial()).toMatchObject({ placed: 0 });
    world.clock.set(Date.parse('2026-11-24T08:00:00+08:00'));
    expect(await server.dial()).toMatchObject({ placed: 1, deferred: 0 });
    expect(world.twilio.calls).toHaveLength(1);
  });
});
