import { sayDigits } from '../../src/flow/prompts/render-prompt';
import type { Project } from '../../src/flow/load/load-project';
import type { QueueConfig } from '../../src/call-centre/queue.schema';
import { parseInstant } from '../../src/platform/clock';
import { queueing, waitingInGeneral } from '../helpers/queue-caller';
import { servicesWorld, shippedProject, GENERAL, type ServicesWorld } from '../helpers/services-app';
import { said, shape } from '../helpers/twilio-caller';

const ZHANG = '+8613800138000';
const WANG = '+8613700137000';
const LI = '+8613600136000';
const BRAND = '+8613900139000';
const ENTERPRISE_LINE = '400-810-8800';

/** The shipped project with some queues' settings changed. */
function withQueues(changes: Record<string, Partial<QueueConfig>>): Project {
  const shipped = shippedProject();
  const queues = new Map(shipped.centre.queues);
  for (const [id, change] of Object.entries(changes)) queues.set(id, { ...queues.get(id)!, ...change });
  return { ...shipped, centre: { ...shipped.centre, queues } };
}

describe('queue limits: a caller who cannot wait any longer gets what the queue promises instead', () => {
  let world: ServicesWorld;
  afterEach(() => world.close());

  /** Rings the general line and asks for a person: the caller is queued in `general`. */
  const generalCaller = (server: ReturnType<ServicesWorld['server']>, phone: string) => waitingInGeneral(server, world.twilio, phone);

  it('takes a caller out of the general queue past its longest wait, offers a call back, and books one ticket when they press 1', async () => {
    world = await servicesWorld();
    const server = world.server();
    const maxWaitSec = shippedProject().centre.queues.get('general')!.maxWaitSec;
    const { caller, queue } = await generalCaller(server, ZHANG);

    expect(shape((await queue.hold()).wait.verbs)).toEqual(['Gather', 'Gather>Say', 'Gather>Say', 'Gather>Play']);
    world.clock.advance((maxWaitSec - 1) * 1000);
    expect((await queue.hold()).after).toBeUndefined();

    world.clock.advance(1000);
    const { wait, after } = await queue.hold();
    expect(shape(wait.verbs)).toEqual(['Leave']);
    expect(world.twilio.queues.members('general')).toEqual([]);
    expect(said(after!.verbs)).toEqual(['抱歉让您久等了，目前坐席仍然繁忙。', '如需我们给您回电，请按1。']);
    // Twilio retries the action: the same answer, the stay recorded once.
    expect((await caller.resend()).body).toBe(after!.body);

    await caller.press('1');
    const { body } = await server.admin.get('/api/tickets?category=callback');
    expect(body.tickets).toHaveLength(1);
    expect(said(caller.last!.verbs)).toEqual([`已为您登记回电，编号是${sayDigits(body.tickets[0].id)}，编号已通过短信发给您。我们将在4小时内给您回电。`, '感谢您的来电，再见。']);
    await caller.resend();
    expect((await server.admin.get('/api/tickets?category=callback')).body.tickets).toHaveLength(1);

    const call = (await server.admin.get(`/api/calls/${caller.sid}`)).body.call;
    expect(call.queue).toEqual({ id: 'general', leaving: 'max-wait', result: 'max-wait', waitedSec: maxWaitSec });
    expect(call.ticketIds).toEqual([body.tickets[0].id]);
    const metrics = await server.scrape();
    expect(metrics).toContain('ivr_queue_wait_seconds_count{queue="general",result="max-wait"} 1');
    expect(metrics).toContain(`ivr_queue_wait_seconds_sum{queue="general",result="max-wait"} ${maxWaitSec}`);
  });

  it('asks twice, then says goodbye, to a caller out of the queue who does not want a call back', async () => {
    world = await servicesWorld();
    const server = world.server({ project: withQueues({ general: { maxWaitSec: 30 } }) });
    const { caller, queue } = await generalCaller(server, ZHANG);
    world.clock.advance(30_000);
    await queue.hold();
    await caller.silence();
    expect(said(caller.last!.verbs)).toEqual(['如需我们给您回电，请按1。']);
    await caller.press('5');
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Hangup']);
    expect((await server.admin.get('/api/tickets')).body.tickets).toEqual([]);
  });

  it('gives the overflow at once to a caller beyond the queue’s size, and the others keep waiting', async () => {
    world = await servicesWorld();
    const server = world.server({ project: withQueues({ general: { maxSize: 2 } }) });
    const first = await generalCaller(server, ZHANG);
    const second = await generalCaller(server, WANG);
    const third = await generalCaller(server, LI);

    expect((await first.queue.hold()).after).toBeUndefined();
    expect((await second.queue.hold()).after).toBeUndefined();
    const { wait, after } = await third.queue.hold();
    expect(shape(wait.verbs)).toEqual(['Leave']);
    expect(said(after!.verbs)).toEqual(['抱歉，目前坐席繁忙，暂时无法为您排队。', '如需我们给您回电，请按1。']);
    expect(world.twilio.queues.members('general')).toEqual([first.caller.sid, second.caller.sid]);
    expect((await server.admin.get(`/api/calls/${third.caller.sid}`)).body.call.queue).toMatchObject({ id: 'general', result: 'overflow', waitedSec: 0 });
  });

  it("gives Twilio's queue-full the same overflow", async () => {
    world = await servicesWorld();
    const server = world.server();
    world.twilio.queues.setMaxSize('general', 1);
    await generalCaller(server, ZHANG);
    const caller = server.caller(WANG);
    await caller.ring();
    await caller.press('0');
    const full = await queueing(caller, world.twilio, WANG, GENERAL).enter();
    expect(said(full!.verbs)).toEqual(['抱歉，目前坐席繁忙，暂时无法为您排队。', '如需我们给您回电，请按1。']);
    await caller.press('1');
    expect(said(caller.last!.verbs)[0]).toMatch(/^已为您登记回电，编号是/);
    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.call.queue).toEqual({ id: 'general', result: 'queue-full', waitedSec: 0 });
  });

  it('drains the enterprise queue as its line closes at 22:00: the closing announcement, then a voicemail that becomes a ticket', async () => {
    world = await servicesWorld({ at: '2026-11-23T21:58:00+08:00' });
    const server = world.server({ project: withQueues({ enterprise: { overflow: { offer: 'voicemail' } } }) });
    const caller = server.caller(BRAND, ENTERPRISE_LINE);
    await caller.ring();
    await caller.press('0');
    const queue = queueing(caller, world.twilio, BRAND, ENTERPRISE_LINE);
    await queue.enter();
    expect(queue.name).toBe('enterprise');
    expect((await queue.hold()).after).toBeUndefined();

    world.clock.set(parseInstant('2026-11-23T22:00:00+08:00'));
    const { wait, after } = await queue.hold();
    expect(shape(wait.verbs)).toEqual(['Leave']);
    expect(said(after!.verbs)).toEqual(['人工服务时间已结束，很抱歉今天未能为您接通。', '请在提示音后留言，说明您的问题，按井号键结束。']);
    expect(shape(after!.verbs)).toEqual(['Say', 'Say', 'Record', 'Redirect']);

    const recording = world.twilio.addRecording();
    await caller.leaveMessage(recording.url, 20);
    await caller.resend();
    const { body } = await server.admin.get('/api/tickets?category=voicemail');
    expect(body.tickets).toEqual([expect.objectContaining({ category: 'voicemail', hotline: 'enterprise', recordingUrl: recording.url, priority: 'high' })]);
    expect(said(caller.last!.verbs)).toEqual([`您的留言已收到，工单号是${sayDigits(body.tickets[0].id)}，我们将在24小时内回复您。`, '感谢您的来电，再见。']);
    const call = (await server.admin.get(`/api/calls/${caller.sid}`)).body.call;
    expect(call).toMatchObject({ queue: { id: 'enterprise', result: 'closed', waitedSec: 120 }, recordingUrl: recording.url, ticketIds: [body.tickets[0].id] });
  });

  it('keeps a caller the enterprise line’s after-hours flow sent to the 24-hour general queue waiting, though their line is closed', async () => {
    world = await servicesWorld({ at: '2026-11-23T23:00:00+08:00' });
    const server = world.server();
    const caller = server.caller(BRAND, ENTERPRISE_LINE);
    await caller.ring();
    await caller.press('0');
    const general = queueing(caller, world.twilio, BRAND, ENTERPRISE_LINE);
    await general.enter();
    expect(general.name).toBe('general');
    world.clock.advance(60_000);
    const { wait, after } = await general.hold();
    expect(after).toBeUndefined();
    expect(shape(wait.verbs)[0]).toBe('Gather');
  });

  it('overflows from the account queue into the general queue once, and never back', async () => {
    world = await servicesWorld();
    const server = world.server({ project: withQueues({ account: { maxWaitSec: 60, overflow: { queue: 'general' } }, general: { maxWaitSec: 60, overflow: { queue: 'account' } } }) });
    const caller = server.caller(ZHANG);
    await world.reachAccountMenu(caller, ZHANG);
    await caller.press('0');
    const account = queueing(caller, world.twilio, ZHANG, GENERAL);
    await account.enter();
    expect(account.name).toBe('account');

    world.clock.advance(60_000);
    const moved = (await account.hold()).after!;
    expect(said(moved.verbs)).toEqual(['抱歉让您久等了，目前坐席仍然繁忙。', '正在为您转接其他客服团队，请稍候。']);
    const general = queueing(caller, world.twilio, ZHANG, GENERAL);
    await general.enter();
    expect(general.name).toBe('general');
    expect(world.twilio.queues.members('general')).toEqual([caller.sid]);

    world.clock.advance(60_000);
    const offered = (await general.hold()).after!;
    expect(shape(offered.verbs)).toEqual(['Gather', 'Gather>Say', 'Gather>Say']);
    expect(said(offered.verbs)).toEqual(['抱歉让您久等了，目前坐席仍然繁忙。', '如需我们给您回电，请按1。']);
    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.call.queue).toEqual({
      id: 'general',
      leaving: 'max-wait',
      result: 'max-wait',
      waitedSec: 60,
      overflowedFrom: { id: 'account', result: 'max-wait', waitedSec: 60 },
    });
  });

  it('records the stay once when Twilio’s retried action reaches a second server on the same database', async () => {
    world = await servicesWorld();
    const one = world.server();
    const two = world.server();
    const { caller, queue } = await generalCaller(one, ZHANG);
    world.clock.advance(20_000);
    await queue.hangUp();
    const again = await two.caller(ZHANG, GENERAL, { sid: caller.sid }).post(queue.actionUrl, { CallSid: caller.sid, From: ZHANG, To: GENERAL, QueueResult: 'hangup', QueueTime: '21' });
    expect(shape(again.verbs)).toEqual(['Hangup']);
    expect((await two.admin.get(`/api/calls/${caller.sid}`)).body.call.queue).toEqual({ id: 'general', result: 'hangup', waitedSec: 20 });
    expect(await one.scrape()).toContain('ivr_queue_abandoned_total{queue="general"} 1');
    expect(await two.scrape()).not.toContain('ivr_queue_abandoned_total{queue="general"} 1');
  });

  it('counts a caller who hangs up while waiting as abandoned in that queue', async () => {
    world = await servicesWorld();
    const server = world.server();
    const { caller, queue } = await generalCaller(server, ZHANG);
    world.clock.advance(42_000);
    expect(shape((await queue.hangUp()).verbs)).toEqual(['Hangup']);
    await caller.resend();
    const metrics = await server.scrape();
    expect(metrics).toContain('ivr_queue_abandoned_total{queue="general"} 1');
    expect(metrics).toContain('ivr_queue_wait_seconds_sum{queue="general",result="hangup"} 42');
    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.call.queue).toEqual({ id: 'general', result: 'hangup', waitedSec: 42 });
  });
});
