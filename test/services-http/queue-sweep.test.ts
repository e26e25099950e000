import { waitingInGeneral } from '../helpers/queue-caller';
import { servicesWorld, shippedProject, GENERAL, type ServicesWorld } from '../helpers/services-app';
import { said, shape } from '../helpers/twilio-caller';

const ZHANG = '+8613800138000';
const WANG = '+8613700137000';

/**
 * Twilio asks the wait URL again only when the hold music has played to its end: with a track of
 * minutes, the longest wait would be late by as much. The queue sweep reads who waits through the
 * REST API and takes them out on time, to the queue's action, which gives the overflow.
 */
describe('the queue sweep takes a caller out on time, whatever the hold music', () => {
  let world: ServicesWorld;
  afterEach(() => world.close());

  it('dequeues a caller at the longest wait through the REST API, once across two servers, and the overflow offers a call back', async () => {
    world = await servicesWorld();
    const [a, b] = [world.server(), world.server()];
    const maxWaitSec = shippedProject().centre.queues.get('general')!.maxWaitSec;
    const { caller } = await waitingInGeneral(a, world.twilio, ZHANG);
    world.clock.advance(60_000);
    const { caller: other } = await waitingInGeneral(a, world.twilio, WANG);

    // Not before the longest wait: nobody is taken out.
    world.clock.advance((maxWaitSec - 61) * 1000);
    expect(await a.services.queueSweep!.flush()).toEqual({ waiting: 2, takenOut: 0 });

    // At it, both servers sweep at once: the first caller is taken out once, the second waits on.
    world.clock.advance(1000);
    const [onA, onB] = await Promise.all([a.services.queueSweep!.flush(), b.services.queueSweep!.flush()]);
    expect(onA.takenOut + onB.takenOut).toBe(1);
    expect(world.twilio.queues.members('general')).toEqual([other.sid]);
    expect(world.twilio.queues.redirects).toEqual([
      { callSid: caller.sid, method: 'POST', url: `http://localhost:3000/twilio/voice/queue-left?lang=zh-CN&queue=general&reason=max-wait&waited=${maxWaitSec}` },
    ]);

    // The call runs that URL next, as Twilio would: the overflow's offer, then a call back booked.
    const offer = await caller.post(world.twilio.queues.redirects[0].url, { CallSid: caller.sid, From: ZHANG, To: GENERAL });
    expect(said(offer.verbs)).toEqual(['抱歉让您久等了，目前坐席仍然繁忙。', '如需我们给您回电，请按1。']);
    await caller.press('1');
    expect(said(caller.last!.verbs)[0]).toMatch(/^已为您登记回电，编号是/);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Say', 'Hangup']);
    const call = (await a.admin.get(`/api/calls/${caller.sid}`)).body.call;
    expect(call.queue).toEqual({ id: 'general', leaving: 'max-wait', result: 'max-wait', waitedSec: maxWaitSec });
    expect(await a.scrape()).toContain('ivr_queue_wait_seconds_count{queue="general",result="max-wait"} 1');
  });
});
