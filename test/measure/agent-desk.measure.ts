import { performance } from 'node:perf_hooks';
import { agentCalls, queueing } from '../helpers/queue-caller';
import { servicesWorld, GENERAL, PUBLIC_BASE_URL } from '../helpers/services-app';

/**
 * How long the agent desk takes to answer with callers waiting in every queue (the REST reads
 * through the twilio library to the fake Twilio over HTTP, our records, the whisper), and how long
 * the wait URL takes with its limit check. `npm run measure -- agent-desk`.
 */
it('measures the agent desk and the wait URL', async () => {
  const world = await servicesWorld();
  const server = world.server();
  const callers: ReturnType<typeof queueing>[] = [];
  for (let i = 0; i < 40; i++) {
    const phone = `+86138${String(10_000_000 + i)}`;
    const caller = server.caller(phone);
    await caller.ring();
    await caller.press('0');
    const q = queueing(caller, world.twilio, phone, GENERAL);
    await q.enter();
    callers.push(q);
  }
  for (const queue of ['urgent', 'enterprise', 'account', 'appeal', 'commerce', 'international', 'callback']) world.twilio.queues.enqueue(queue, `CA${queue.padEnd(32, '0')}`);

  const time = async (n: number, f: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await f();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(n / 2)].toFixed(1), p95: ms[Math.floor(n * 0.95)].toFixed(1) };
  };
  await agentCalls(server.caller, PUBLIC_BASE_URL, '+8613800000101');
  const desk = await time(50, () => agentCalls(server.caller, PUBLIC_BASE_URL, '+8613800000101'));
  const wait = await time(200, () => callers[7].hold());
  process.stdout.write(`agent desk (8 queues, 47 callers): median ${desk.median} ms, p95 ${desk.p95} ms; wait URL: median ${wait.median} ms, p95 ${wait.p95} ms\n`);
  await world.close();
});
