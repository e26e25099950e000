import { simulateCall } from '../../src/sim/simulate-call';
import { simulatedCallbacks } from '../../src/sim/simulated-callbacks';

const ZHANG = '+8613800138000';
const MIN = 60_000;

describe('a simulated call whose emergency ticket is called back on the virtual clock', () => {
  it('places the call back two minutes after the stolen-account ticket and puts the answering customer in the urgent queue', async () => {
    const call = await simulateCall({ dial: '400-0066-888', from: ZHANG, at: '2026-11-23T10:00:00+08:00' });
    await call.press('1 1');
    await call.press(call.services.lastCodeSentTo(ZHANG)!);
    await call.press('2');
    const ticketId = call.vars.ticketId ?? (await call.services.tickets.list({ category: 'emergency' }))[0]?.id;
    expect(ticketId).toMatch(/^\d{8}$/);
    if (!call.ended) await call.hangUp();

    const callbacks = simulatedCallbacks({ project: call.project, clock: call.clock, services: call.services });
    const opened = (await call.services.tickets.get(ticketId!))!.createdAt;
    expect(await callbacks.nextDue()).toBe(opened + 2 * MIN);
    await callbacks.dial();
    expect(callbacks.placed).toHaveLength(0);
    call.clock.set((await callbacks.nextDue())!);
    await callbacks.dial();
    expect(callbacks.placed).toHaveLength(1);
    expect(callbacks.placed[0]).toMatchObject({ to: ZHANG, from: '+864000066888', ringSec: 30 });

    const [answered] = await callbacks.answer('human');
    expect(answered.heard?.map((p) => ('text' in p ? p.text : ''))).toEqual([`您好，这里是综合服务客服，就您的工单 ${ticketId!.split('').join(' ')}（账号安全紧急）给您回电，正在为您接通客服人员，请稍候。`]);
    expect(answered.queue).toBe('urgent');
    expect(await call.services.callbacks.get(ticketId!)).toMatchObject({ status: 'answered', attempts: 1 });
    expect(await callbacks.nextDue()).toBeUndefined();
  });
});
