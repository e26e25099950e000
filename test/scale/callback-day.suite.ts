import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../fuzz/mulberry32';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';
import type { Callee } from '../helpers/fake-twilio';
import type { TwilioCaller } from '../helpers/twilio-caller';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** The server's dialler interval (CALLBACK_FLUSH_INTERVAL_MS default). */
const TICK = 15_000;

type Server = ReturnType<ServicesWorld['server']>;
type Booking = { at: number; phone: string; emergency: boolean; callees: Callee[] };

/** A caller in the general queue presses 1 for a call back and hangs up. */
async function pressOne(caller: TwilioCaller, from: string): Promise<void> {
  await caller.ring();
  await caller.press('0');
  const enqueue = caller.last!.verbs.find((v) => v.verb === 'Enqueue')!;
  const params = { CallSid: caller.sid, To: '400-0066-888', From: from };
  const wait = await caller.post(enqueue.attrs.waitUrl, { ...params, QueuePosition: '4', AvgQueueTime: '200' });
  await caller.post(wait.verbs[0].attrs.action, { ...params, Digits: '1' });
  await caller.post(enqueue.attrs.action, { ...params, QueueResult: 'leave', QueueTime: '90' });
  await caller.hangUp();
}

/** An emergency ticket opened by the flow's createTicket effect (the stolen-account branch), as a call would. */
async function emergency(server: Server, phone: string, n: number): Promise<void> {
  await server.services.handlers.createTicket({
    id: 'stolen_ticket',
    kind: 'createTicket',
    key: `CAday${n}/stolen_ticket`,
    args: { category: 'emergency', priority: 'urgent', summary: '账号被盗', notify: true, vars: {} },
    call: { sid: `CAday${n}`, from: phone, hotline: 'general', lang: 'zh-CN', path: ['general', 'account_menu'] },
  });
}

/**
 * A simulated day: `n` call backs booked at random moments (a fifth of them emergencies opened by
 * the flow, the rest callers pressing 1 in the queue), customers answering, busy, not answering or
 * on voicemail; two servers' diallers run every 15 s of the simulated clock; the fake Twilio plays
 * the callees. Answers the figures of GET /api/reports/callbacks and the wall-clock cost of calls.create.
 */
export async function simulateCallbackDay(n: number, seed = 20261206) {
  const random = mulberry32(seed);
  const world = await servicesWorld({ at: '2026-11-23T00:00:00+08:00' });
  try {
    const [a, b] = [world.server(), world.server()];
    const start = world.clock.now();
    const bookings: Booking[] = Array.from({ length: n }, (_, i) => {
      const r = random();
      const callees: Callee[] = r < 0.7 ? ['human'] : r < 0.82 ? ['busy', 'human'] : r < 0.9 ? ['machine', 'human'] : ['no-answer', 'busy', 'no-answer'];
      return { at: start + Math.floor(random() * (DAY - 30 * MIN)), phone: `+86139${String(10_000_000 + i).slice(-8)}`, emergency: i % 5 === 0, callees };
    }).sort((x, y) => x.at - y.at);
    for (const bk of bookings) world.twilio.callee(bk.phone, ...bk.callees);

    const createMs: number[] = [];
    let next = 0;
    for (let now = start; now <= start + DAY + 60 * MIN; now += TICK) {
      world.clock.set(now);
      for (; next < bookings.length && bookings[next].at <= now; next++) {
        const bk = bookings[next];
        const server = next % 2 ? a : b;
        // The booking at its own moment, between two dialler runs.
        world.clock.set(bk.at);
        if (bk.emergency) await emergency(server, bk.phone, next);
        else await pressOne(server.caller(bk.phone), bk.phone);
      }
      world.clock.set(now);
      const before = world.twilio.calls.length;
      const t0 = performance.now();
      await Promise.all([a.dial(), b.dial()]);
      const placed = world.twilio.calls.length - before;
      if (placed > 0) createMs.push((performance.now() - t0) / placed);
      if (placed > 0) await a.connectCalls();
    }
    await a.flush();
    const report = (await a.admin.get('/api/reports/callbacks?from=2026-11-23&to=2026-11-24')).body;
    createMs.sort((x, y) => x - y);
    return {
      report,
      callsPlaced: world.twilio.calls.length,
      distinctCalled: new Set(world.twilio.calls.map((c) => c.to)).size,
      createMsMedian: createMs[Math.floor(createMs.length / 2)] ?? null,
      missedSms: world.twilio.messages.filter((m) => m.body.includes('未能接通')).length,
      scrape: await a.scrape(),
    };
  } finally {
    await world.close();
  }
}
