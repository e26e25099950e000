import { sayDigits } from '../../src/flow/prompts/render-prompt';
import { FIRST_CALL_AFTER_MS } from '../../src/services/callbacks/callback-schedule';
import { waitingInGeneral } from '../helpers/queue-caller';
import { servicesWorld, shippedProject, type ServicesWorld } from '../helpers/services-app';
import { said, shape } from '../helpers/twilio-caller';

const ZHANG = '+8613800138000';

/**
 * The whole promise of a call back, across the parts that keep it: the queue's longest wait
 * (queues.yaml), the overflow's offer, the booking, the dialler on two servers sharing one store,
 * and the call Twilio places, whose TwiML it fetches from us like the real one.
 */
describe('a caller who waited too long is called back, once, whichever server dials', () => {
  let world: ServicesWorld;
  afterEach(() => world.close());

  it('max wait → offered a call back → presses 1 → hangs up → at the due time one calls.create, whose TwiML names the ticket', async () => {
    world = await servicesWorld();
    const [a, b] = [world.server(), world.server()];
    const maxWaitSec = shippedProject().centre.queues.get('general')!.maxWaitSec;

    const { caller, queue } = await waitingInGeneral(a, world.twilio, ZHANG);
    world.clock.advance(maxWaitSec * 1000);
    const { wait, after } = await queue.hold();
    expect(shape(wait.verbs)).toEqual(['Leave']);
    expect(said(after!.verbs)).toEqual(['抱歉让您久等了，目前坐席仍然繁忙。', '如需我们给您回电，请按1。']);
    await caller.press('1');
    const { body } = await a.admin.get('/api/tickets?category=callback');
    const ticket = body.tickets[0] as { id: string };
    expect(said(caller.last!.verbs)[0]).toBe(`已为您登记回电，编号是${sayDigits(ticket.id)}，编号已通过短信发给您。我们将在4小时内给您回电。`);
    await caller.hangUp('completed', maxWaitSec + 20);

    // Not before its time; then both servers' diallers run at once and one call is placed.
    await Promise.all([a.dial(), b.dial()]);
    expect(world.twilio.calls).toHaveLength(0);
    world.clock.advance(FIRST_CALL_AFTER_MS);
    const [onA, onB] = await Promise.all([a.dial(), b.dial()]);
    expect(onA.placed + onB.placed).toBe(1);
    await Promise.all([b.dial(), a.dial()]);
    expect(world.twilio.calls).toHaveLength(1);
    expect(world.twilio.calls[0]).toMatchObject({ to: ZHANG, url: expect.stringContaining(`/twilio/callback/answer?ticket=${ticket.id}&attempt=1`) });

    const [answered] = await b.connectCalls();
    expect(said(answered.verbs)[0]).toBe(`您好，这里是综合服务客服，就您的工单 ${sayDigits(ticket.id)}（预约回电）给您回电，正在为您接通客服人员，请稍候。`);
    expect(shape(answered.verbs)).toEqual(['Say', 'Enqueue']);
    expect((await a.admin.get(`/api/callbacks/${ticket.id}`)).body.callback).toMatchObject({ status: 'answered', attempts: 1 });
    // The operations report counts it: promised, placed within its promise (4 hours), answered.
    const report = (await b.admin.get('/api/reports')).body;
    expect(report.callbacks).toMatchObject({ promised: 1, withinPromise: 1, late: 0, missed: 0, answered: 1, withinPromiseRate: 1, byCategory: { callback: { promised: 1 } } });
    expect(report.callbacks.firstCallSec.median).toBe(FIRST_CALL_AFTER_MS / 1000);
  });
});
