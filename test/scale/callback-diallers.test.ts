import { FIRST_CALL_AFTER_MS } from '../../src/services/callbacks/callback-schedule';
import { describeWith } from '../helpers/external-services';
import { postgresWorld, servicesWorld, type ServicesWorld } from '../helpers/services-app';
import type { TwilioCaller } from '../helpers/twilio-caller';

const MIN = 60_000;
const CUSTOMERS = ['+8613800138001', '+8613800138002', '+8613800138003', '+8613800138004', '+8613800138005', '+8613800138006'];

type Server = ReturnType<ServicesWorld['server']>;

/** A caller in the general queue presses 1 for a call back, hears the booking and hangs up. */
async function pressOne(caller: TwilioCaller, from: string): Promise<void> {
  await caller.ring();
  await caller.press('0');
  const enqueue = caller.last!.verbs.find((v) => v.verb === 'Enqueue')!;
  const params = { CallSid: caller.sid, To: '400-0066-888', From: from };
  const wait = await caller.post(enqueue.attrs.waitUrl, { ...params, QueuePosition: '2', AvgQueueTime: '60' });
  await caller.post(wait.verbs[0].attrs.action, { ...params, Digits: '1' });
  await caller.post(enqueue.attrs.action, { ...params, QueueResult: 'leave', QueueTime: '30' });
  await caller.hangUp();
}

/** Both servers' diallers flush at the same moment, twice over (every attempt), with every customer busy the first time. */
async function bothDialEveryAttempt(world: ServicesWorld, [a, b]: Server[]): Promise<void> {
  for (const [i, from] of CUSTOMERS.entries()) await pressOne((i % 2 ? a : b).caller(from), from);
  for (const from of CUSTOMERS) world.twilio.callee(from, 'busy', 'human');

  world.clock.advance(FIRST_CALL_AFTER_MS);
  // A second flush asked of a busy dialler joins its flush (the same report).
  const first = new Set(await Promise.all([a.dial(), b.dial(), a.dial(), b.dial()]));
  expect([...first].reduce((n, r) => n + r.placed, 0)).toBe(CUSTOMERS.length);
  expect(world.twilio.calls.map((c) => c.to).sort()).toEqual(CUSTOMERS);
  expect((await a.connectCalls()).map((c) => c.callee)).toEqual(CUSTOMERS.map(() => 'busy'));

  world.clock.advance(10 * MIN);
  await Promise.all([b.dial(), a.dial()]);
  expect(world.twilio.calls).toHaveLength(2 * CUSTOMERS.length);
  await b.connectCalls();
  const tickets = (await a.admin.get('/api/tickets?category=callback')).body.tickets as { id: string }[];
  expect(tickets).toHaveLength(CUSTOMERS.length);
  for (const t of tickets) {
    const job = await b.services.callbacks.get(t.id);
    expect(job).toMatchObject({ status: 'answered', attempts: 2 });
    expect(job!.results.map((r) => [r.attempt, r.outcome])).toEqual([[1, 'busy'], [2, 'answered']]);
  }
  world.clock.advance(60 * MIN);
  await Promise.all([a.dial(), b.dial()]);
  expect(world.twilio.calls).toHaveLength(2 * CUSTOMERS.length);
}

describe('two servers sharing one SQLite file place each call back once per attempt', () => {
  let world: ServicesWorld;
  beforeEach(async () => {
    world = await servicesWorld();
  });
  afterEach(() => world.close());

  it('places one calls.create per customer per attempt when both diallers flush at once', async () => {
    await bothDialEveryAttempt(world, [world.server(), world.server()]);
  });
});

describeWith({ postgres: true }, 'two servers sharing PostgreSQL place each call back once per attempt', () => {
  const pg = postgresWorld();

  it('places one calls.create per customer per attempt when both diallers flush at once', async () => {
    await bothDialEveryAttempt(pg.world(), await pg.servers());
  });
});
