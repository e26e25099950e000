import { SURVEY_TEXTS } from '../../src/services/survey/survey-texts';
import { describeWith, TEST_REDIS_URL, testRedis, testSchema } from '../helpers/external-services';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { adminGet, RemoteCaller, SERVED_AUTH_TOKEN, startServed, until, type ServedProcess } from '../helpers/served-process';

const GENERAL = '400-0066-888';
const ZHANG = '+8613800138000';
/** Another account holder: ZHANG had a code less than a minute ago, and the throttle would not send another. */
const LI = '+8613700137000';
const SURVEY = SURVEY_TEXTS['zh-CN'].ask;

type CallView = { call: { status: string; turns: { n: number }[]; ticketIds: string[] }; survey: { sms: string } | null };

/**
 * Two `ivr serve` processes behind a simulated round-robin load balancer, sharing Redis (calls in
 * progress) and PostgreSQL (everything else), SMS going to a fake Twilio. Real time: the servers
 * flush their outboxes on their own intervals, and the test polls what it can observe, bounded.
 */
describeWith({ postgres: true, redis: true }, 'several servers behind a load balancer', () => {
  const db = testSchema();
  const redis = testRedis();
  let twilio: FakeTwilio;
  let a: ServedProcess;
  let b: ServedProcess;

  beforeAll(async () => {
    twilio = await startFakeTwilio({ authToken: SERVED_AUTH_TOKEN });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redis.prefix,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      SMS_FLUSH_INTERVAL_MS: '200',
    };
    // Started at the same moment: both migrate the new schema; the advisory lock lets one do it.
    [a, b] = await Promise.all([startServed('server A', env), startServed('server B', env)]);
  }, 40_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null && s.child.signalCode === null) s.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await twilio?.close();
    await redis.drop();
    await db.drop();
  });

  const codeFor = (phone: string) => twilio.messages.filter((m) => m.to === phone && /验证码/.test(m.body)).at(-1)!.body.match(/\d{6}/)![0];
  const textsTo = (phone: string, pattern: RegExp | string) => twilio.messages.filter((m) => m.to === phone && (typeof pattern === 'string' ? m.body === pattern : pattern.test(m.body)));
  const view = async (server: ServedProcess, sid: string) => (await adminGet<CallView>(server, `/api/calls/${sid}`)).body;

  it('migrated the shared schema once although both servers started together', async () => {
    const migrated = [a, b].map((s) => s.logs.filter((l) => l.msg === 'PostgreSQL migrated').length);
    expect(migrated.sort()).toEqual([0, 1]);
  });

  it('serves a call whose turns alternate between the servers, and sends one survey SMS though both get the status callback', async () => {
    const caller = new RemoteCaller({ to: GENERAL, from: ZHANG });
    expect((await caller.ring(a)).status).toBe(200);
    await caller.press(b, '1');
    await caller.press(a, '1'); // server A texts the code (straight to Twilio)
    await caller.press(b, codeFor(ZHANG)); // server B checks it against the shared state
    expect(caller.heard()).toContain('身份验证成功。');
    await caller.press(a, '1'); // the reset link waits in the shared outbox
    expect(caller.heard().join('')).toContain('密码重置链接已发送');
    await caller.press(b, '1');
    expect(caller.shape()).toContain('Hangup');

    const [fromA, fromB] = await Promise.all([caller.hangUp(a), caller.hangUp(b)]);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);

    await until('the survey SMS to be sent', async () => (await view(b, caller.sid)).survey?.sms === 'sent');
    expect(textsTo(ZHANG, SURVEY)).toHaveLength(1);
    expect(textsTo(ZHANG, /密码/)).toHaveLength(1);
    const { call } = await view(a, caller.sid);
    expect(call.status).toBe('completed');
    expect(call.turns.map((t) => t.n)).toEqual([0, 1, 2, 3, 4, 5]);
    // The call's state lived in Redis (REDIS_URL), not in PostgreSQL's session table.
    expect(await redis.client().exists(`${redis.prefix}session:${caller.sid}`)).toBe(1);
    expect((await (await db.open()).query('SELECT count(*) AS n FROM call_sessions')).rows[0].n).toBe(0);
  });

  it('finishes a call on the other server when one is killed in the middle of a turn', async () => {
    const before = { survey: textsTo(LI, SURVEY).length, codes: textsTo(LI, /验证码/).length };
    const caller = new RemoteCaller({ to: GENERAL, from: LI });
    await caller.ring(a);
    await caller.press(b, '1');

    // Server A is sending the code when it dies: its request never gets an answer.
    const slow = twilio.hold();
    const lost = caller.press(a, '1').then(
      () => 'answered',
      () => 'connection lost',
    );
    await until('server A to be sending the code', () => slow.waiting() === 1);
    a.kill('SIGKILL');
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await lost).toBe('connection lost');
    slow.release();

    // The load balancer retries the same request on server B, which runs the turn afresh but finds
    // the code already issued under this turn's key: no second code, and the one Twilio got from
    // server A before it died is the one that verifies.
    expect((await caller.press(b, '1')).status).toBe(200);
    expect(caller.heard().join('')).toContain('验证码已发送');
    await until('server A\'s code to arrive', () => textsTo(LI, /验证码/).length === before.codes + 1);
    await caller.press(b, codeFor(LI));
    expect(caller.heard()).toContain('身份验证成功。');
    await caller.press(b, '2'); // stolen account: an urgent ticket, texted
    expect(caller.heard().join('')).toContain('已为您登记紧急工单');
    await caller.press(b, '1');
    expect(caller.shape()).toContain('Enqueue');

    // Twilio retries the status callback; one reaches the dead server and is refused.
    await Promise.all([caller.hangUp(b), caller.hangUp(b), caller.hangUp(a).catch(() => undefined)]);
    await until('the survey SMS to be sent', async () => (await view(b, caller.sid)).survey?.sms === 'sent');
    expect(textsTo(LI, SURVEY)).toHaveLength(before.survey + 1);
    const { call } = await view(b, caller.sid);
    expect(call.ticketIds).toHaveLength(1);
    expect(textsTo(LI, new RegExp(`工单号${call.ticketIds[0]}`))).toHaveLength(1);
  });
});
