import { simulateCall } from '../../src/sim/simulate-call';

describe('a simulated caller left waiting in a queue', () => {
  it('is taken out of the general queue after its longest wait and offered a call back', async () => {
    const call = await simulateCall({ dial: '400-0066-888', at: '2026-11-23T10:00:00+08:00' });
    await call.press('0');
    expect(call.ended).toMatchObject({ kind: 'transfer', queue: 'general' });
    const maxWaitSec = call.project.centre.queues.get('general')!.maxWaitSec;
    expect(await call.waitInQueue(maxWaitSec + 100)).toEqual({ queue: 'general', waitedSec: maxWaitSec, left: 'max-wait', overflow: { kind: 'offer', offer: 'callback' } });
    expect(call.transcript.at(-1)).toEqual({ who: 'system', text: `taken out of queue general after ${maxWaitSec} s (max-wait); overflow: callback offered` });
  });

  it('keeps waiting when the time given is shorter than the longest wait', async () => {
    const call = await simulateCall({ dial: '400-0066-888', at: '2026-11-23T10:00:00+08:00' });
    await call.press('0');
    expect(await call.waitInQueue(45)).toEqual({ queue: 'general', waitedSec: 45 });
    expect(call.clock.now()).toBe(Date.parse('2026-11-23T10:00:45+08:00'));
  });

  it('is drained from the enterprise queue as the line closes at 22:00', async () => {
    const call = await simulateCall({ dial: '400-810-8800', at: '2026-11-23T21:59:30+08:00', from: '+8613900139000' });
    await call.press('0');
    expect(call.ended).toMatchObject({ kind: 'transfer', queue: 'enterprise' });
    expect(await call.waitInQueue(600)).toMatchObject({ queue: 'enterprise', waitedSec: 30, left: 'closed' });
  });
});
