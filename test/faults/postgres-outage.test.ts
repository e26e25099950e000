import { openPostgres, type PgPool } from '../../src/stores/postgres/open-postgres';
import { parseTwiml } from '../../src/telephony/twilio/parse-twiml';
import { redisReachable, TEST_REDIS_URL, testRedis, uniqueName } from '../helpers/external-services';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { privatePostgresUnavailable, startPrivatePostgres } from '../helpers/private-postgres';
import { adminGet, RemoteCaller, SERVED_ADMIN_TOKEN, SERVED_AUTH_TOKEN, startServed, until, type ServedProcess } from '../helpers/served-process';

const GENERAL = '400-0066-888';
const CALLERS = 8;

type Tally = { turns: number; validTwiml: number; fiveXx: number; apologies: number; statusCallbacks: number; statusFiveXx: number; invalid: string[] };

const unavailable = privatePostgresUnavailable() ?? (redisReachable() ? undefined : 'Redis not reachable');
const describeIf = unavailable && process.env.CI !== 'true' ? describe.skip : describe;

/**
 * Two `ivr serve` processes on a PostgreSQL cluster of this test's own (so it can be restarted
 * without disturbing anyone) and the shared Redis, with callers alternating between them. Under
 * that load the test terminates the servers' database backends (picked by the application_name
 * their DATABASE_URL sets) and then restarts the cluster. Both processes must stay up, and every
 * turn must get valid TwiML: the flow's answer, or at worst an apology and a person. Then Redis
 * forgets the calls in progress, as a restart without persistence does.
 */
describeIf(`servers losing PostgreSQL, or the calls they keep in Redis, under load${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const redis = testRedis();
  const appName = uniqueName('ivr_outage');
  let pg: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let admin: PgPool;
  let twilio: FakeTwilio;
  let servers: ServedProcess[] = [];

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    admin = openPostgres(pg.url, { max: 1 });
    twilio = await startFakeTwilio({ authToken: SERVED_AUTH_TOKEN });
    const env = {
      DATABASE_URL: `${pg.url}?application_name=${appName}`,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redis.prefix,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      SMS_FLUSH_INTERVAL_MS: '200',
      TURN_DEADLINE_MS: '3000',
    };
    servers = await Promise.all([startServed('server A', env), startServed('server B', env)]);
  }, 90_000);

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await admin?.end().catch(() => undefined);
    await twilio?.close();
    await redis.drop();
    await pg?.destroy();
  }, 60_000);

  it('keeps both servers up and answers every turn with valid TwiML while backends are terminated and the cluster restarts', async () => {
    const tally: Tally = { turns: 0, validTwiml: 0, fiveXx: 0, apologies: 0, statusCallbacks: 0, statusFiveXx: 0, invalid: [] };
    let stop = false;
    const judge = (res: { status: number; body: string }) => {
      tally.turns++;
      if (res.status >= 500) tally.fiveXx++;
      try {
        const verbs = parseTwiml(res.body);
        if (res.status === 200 && verbs.length > 0) tally.validTwiml++;
        else tally.invalid.push(`${res.status} ${res.body.slice(0, 120)}`);
        // The engine's own apology (a fault), not a flow's "sorry, that key is not offered".
        if (res.body.includes('系统暂时出现问题')) tally.apologies++;
      } catch {
        tally.invalid.push(`${res.status} ${res.body.slice(0, 120)}`);
      }
    };
    // Each caller rings, presses through the menus alternating servers, hangs up, and calls again.
    const callerLoop = async (i: number) => {
      for (let call = 0; !stop; call++) {
        const c = new RemoteCaller({ to: GENERAL, from: `+86139${String(i).padStart(4, '0')}${String(call % 10000).padStart(4, '0')}` });
        let k = i + call;
        const next = () => servers[k++ % 2];
        const noAnswer = (err: Error) => ({ status: 0, body: `no answer: ${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}` });
        c.verbs = [];
        judge(await c.ring(next()).catch(noAnswer));
        for (const key of ['1', '2', '9', '0']) {
          if (stop || !c.verbs.some((v) => v.verb === 'Gather')) break;
          judge(await c.press(next(), key).catch(noAnswer));
        }
        const status = await c.hangUp(next(), 30).catch(noAnswer);
        tally.statusCallbacks++;
        if (status.status >= 500 || status.status === 0) tally.statusFiveXx++;
        if (tally.invalid.length > 20) stop = true;
      }
    };
    const load = Promise.all(Array.from({ length: CALLERS }, (_, i) => callerLoop(i)));
    const terminate = async () =>
      (await admin.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [appName])).rows[0].n;

    try {
      await until('some turns before the faults', () => tally.turns >= 40 || stop, 60_000);
      let terminated = 0;
      for (let round = 0; round < 5; round++) {
        const before = tally.turns;
        terminated += await terminate();
        await until('turns between terminations', () => tally.turns >= before + 15 || stop, 60_000);
      }
      expect(terminated).toBeGreaterThan(0);
      const beforeRestart = tally.turns;
      await pg.restart();
      await admin.query('SELECT 1').catch(() => undefined); // the admin pool's connection died with the restart
      await until('turns after the restart', () => tally.turns >= beforeRestart + 60 || stop, 60_000);
      stop = true;
      await load;
      const missed: Record<string, number> = {};
      for (const srv of servers) {
        const text = await (await fetch(`${srv.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${SERVED_ADMIN_TOKEN}` } })).text();
        for (const [, kind, n] of text.matchAll(/ivr_call_record_problems_total\{kind="([a-z_]+)"\} (\d+)/g)) missed[kind] = (missed[kind] ?? 0) + Number(n);
      }
      process.stdout.write(`\n  postgres outage: ${JSON.stringify({ ...tally, invalid: tally.invalid.length, terminatedBackends: terminated, recordProblems: missed })}\n`);
    } finally {
      stop = true;
      await load.catch(() => undefined);
    }

    for (const s of servers) if (s.child.exitCode !== null || s.child.signalCode !== null) process.stdout.write(`\n${s.name} died:\n${s.stderr().slice(-3000)}\n`);
    for (const s of servers) expect({ server: s.name, exitCode: s.child.exitCode, signal: s.child.signalCode }).toEqual({ server: s.name, exitCode: null, signal: null });
    expect(tally.invalid).toEqual([]);
    expect(tally.fiveXx).toBe(0);
    expect(tally.validTwiml).toBe(tally.turns);
    // Both still serve a whole call and their admin API answers.
    for (const s of servers) {
      const c = new RemoteCaller({ to: GENERAL, from: '+8613700137000' });
      expect((await c.ring(s)).status).toBe(200);
      expect(c.heard().join('')).toContain('账号问题请按1');
      expect((await adminGet(s, '/api/calls')).status).toBe(200);
    }
    const crashes = servers.flatMap((s) => s.stderr().split('\n').filter((l) => /Unhandled 'error' event|uncaught/i.test(l)));
    expect(crashes).toEqual([]);
  }, 240_000);

  it('starts every call in progress again at its line\'s first menu when Redis forgets them (a restart without persistence)', async () => {
    const callers = Array.from({ length: 10 }, (_, i) => new RemoteCaller({ to: GENERAL, from: `+8613500135${String(i).padStart(3, '0')}` }));
    for (const [i, c] of callers.entries()) {
      expect((await c.ring(servers[i % 2])).status).toBe(200);
      await c.press(servers[(i + 1) % 2], '1'); // account problems: the next menu
    }
    // What a Redis restart without appendonly does to this deployment's keys: they are gone.
    const keys = await redis.client().keys(`${redis.prefix}session:*`);
    expect(keys.length).toBeGreaterThanOrEqual(callers.length);
    await redis.client().del(...keys);

    let startedAgain = 0;
    let goingOn = 0;
    for (const [i, c] of callers.entries()) {
      const res = await c.press(servers[i % 2], '2');
      expect(res.status).toBe(200);
      if (c.heard()[0] === '抱歉，系统刚才出现问题，请您重新选择。' && c.heard().join('').includes('账号问题请按1') && c.shape().includes('Gather')) startedAgain++;
      const next = await c.press(servers[(i + 1) % 2], '1');
      if (next.status === 200 && !/抱歉/.test(c.heard().join('')) && c.shape().includes('Gather')) goingOn++;
    }
    process.stdout.write(`\n  redis forgot ${callers.length} calls in progress: ${startedAgain} started again at the first menu, ${goingOn} went on from there without an apology\n`);
    expect(startedAgain).toBe(callers.length);
    expect(goingOn).toBe(callers.length);
  }, 60_000);
});
