import type { EffectHandlers } from '../../src/call/effect-handlers';
import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { createLogger } from '../../src/server/logger';
import { openServices } from '../../src/server/open-services';
import type { Services } from '../../src/server/create-services';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { describeWith, testSchema } from '../helpers/external-services';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { newCallSid, postSigned, said, type Answer } from '../helpers/twilio-caller';
import { AUTH_TOKEN, OPEN_HOURS, testConfig } from '../helpers/webhook-app';
import { parseTwiml } from '../../src/telephony/twilio/parse-twiml';

const GENERAL = '+864000066888';
const ZHANG = '+8613800138000';
const STRANGER = '+8613912345678';
const OTP_SECRET = 'otp-exactly-once-test-secret-0123456789';
const project = loadProjectOrThrow('flows');

/** Lets `kind` through on the servers it wraps only once `n` deliveries wait in it, so they race for real. */
function gate(kind: 'sendOtp' | 'verifyOtp', n: number) {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  const arrive = async () => {
    if (++arrived === n) open();
    await all;
  };
  return (services: Services): Services => {
    const h = services.handlers;
    const handlers: EffectHandlers =
      kind === 'sendOtp'
        ? { ...h, sendOtp: async (e, signal) => (await arrive(), h.sendOtp(e, signal)) }
        : { ...h, verifyOtp: async (e, signal) => (await arrive(), h.verifyOtp(e, signal)) };
    return { ...services, handlers };
  };
}

/** Twilio's side of one call: the same signed webhook can be posted to any server, any number of times. */
function call(from: string) {
  const sid = newCallSid();
  const params = { CallSid: sid, AccountSid: `AC${'0'.repeat(32)}`, To: GENERAL, From: from, Direction: 'inbound', CallStatus: 'in-progress', ApiVersion: '2010-04-01' };
  let last: Answer | undefined;
  const post = async (app: ReturnType<typeof createApp>, url: string, extra: Record<string, string>): Promise<Answer> => {
    const res = await postSigned(app, { url, params: { ...params, ...extra }, authToken: AUTH_TOKEN });
    return { status: res.status, body: res.text, verbs: res.type === 'text/xml' ? parseTwiml(res.text) : [] };
  };
  const gatherUrl = () => last!.verbs.find((v) => v.verb === 'Gather')!.attrs.action;
  return {
    sid,
    async ring(app: ReturnType<typeof createApp>) {
      last = await post(app, 'http://localhost:3000/twilio/voice', {});
      return last;
    },
    /** One key entry, delivered once to each of `apps` at the same moment. */
    async press(apps: ReturnType<typeof createApp>[], digits: string) {
      const url = gatherUrl();
      const answers = await Promise.all(apps.map((app) => post(app, url, { Digits: digits })));
      last = answers[0];
      return answers;
    },
  };
}

const codesTo = (twilio: FakeTwilio, phone: string) => twilio.messages.filter((m) => m.to === phone && /验证码/.test(m.body)).map((m) => m.body.match(/\d{6}/)![0]);
const wrongOf = (code: string) => (code === '000000' ? '000001' : '000000');
const otherWrongOf = (code: string) => (code === '999999' ? '999998' : '999999');

async function servers(count: number, env: Record<string, string>, twilio: FakeTwilio) {
  const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
  const config = testConfig({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_API_BASE_URL: twilio.baseUrl, OTP_SECRET, LOG_LEVEL: 'silent', ...env });
  const services: Services[] = [];
  for (let i = 0; i < count; i++) services.push(await openServices(config, { project, clock, timers: false }));
  const app = (s: Services) => createApp({ config, project, clock, services: s, logger: createLogger('silent') });
  return { clock, services, app, close: () => Promise.all(services.map((s) => s.close())) };
}

describe('one-time codes exactly once, on one server (the real twilio client to a fake Twilio over HTTP)', () => {
  let twilio: FakeTwilio;
  beforeEach(async () => (twilio = await startFakeTwilio({ authToken: AUTH_TOKEN })));
  afterEach(() => twilio.close());

  it('texts one code when the code-sending turn is delivered three times at once, and that code verifies', async () => {
    const one = await servers(1, {}, twilio);
    try {
      const app = one.app(one.services[0]);
      const zhang = call(ZHANG);
      await zhang.ring(app);
      expect(said((await zhang.press([app], '1'))[0].verbs).join('')).toContain('按1');
      const answers = await zhang.press([app, app, app], '1');
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      expect(codesTo(twilio, ZHANG)).toHaveLength(1);
      const [verified] = await zhang.press([app, app], codesTo(twilio, ZHANG)[0]);
      expect(said(verified.verbs)).toContain('身份验证成功。');
      expect(codesTo(twilio, ZHANG)).toHaveLength(1);
    } finally {
      await one.close();
    }
  });
});

describeWith({ postgres: true }, 'one-time codes exactly once, on two servers sharing PostgreSQL', () => {
  const db = testSchema();
  let twilio: FakeTwilio;
  beforeEach(async () => {
    twilio = await startFakeTwilio({ authToken: AUTH_TOKEN });
    await (await db.fresh()).query('SELECT 1');
  });
  afterEach(() => twilio.close());
  afterAll(() => db.drop());

  it('texts one code when both servers take the code-sending turn at the same moment, and the code verifies on either', async () => {
    const two = await servers(2, { DATABASE_URL: db.url }, twilio);
    try {
      const [a, b] = two.services;
      const plainA = two.app(a);
      const both = gate('sendOtp', 2);
      const racing = [two.app(both(a)), two.app(both(b))];
      const zhang = call(ZHANG);
      await zhang.ring(plainA);
      await zhang.press([plainA], '1');
      const answers = await zhang.press(racing, '1');
      expect(answers.map((x) => x.status)).toEqual([200, 200]);
      expect(answers[0].body).toBe(answers[1].body);
      expect(codesTo(twilio, ZHANG)).toHaveLength(1);

      const [verified] = await zhang.press([two.app(b), plainA], codesTo(twilio, ZHANG)[0]);
      expect(said(verified.verbs)).toContain('身份验证成功。');
      expect(twilio.messages.filter((m) => m.to === ZHANG)).toHaveLength(1);
    } finally {
      await two.close();
    }
  });

  it('counts a wrong code delivered to both servers at once as one attempt: two wrong entries leave one, and the right code still verifies', async () => {
    const two = await servers(2, { DATABASE_URL: db.url }, twilio);
    try {
      const [a, b] = two.services;
      const plain = [two.app(a), two.app(b)];
      const stranger = call(STRANGER);
      await stranger.ring(plain[0]);
      // The stranger's caller ID has no account: they key the owner's number in.
      await stranger.press([plain[0]], '2');
      const keyed = await stranger.press([plain[0]], ZHANG.slice(3));
      expect(said(keyed[0].verbs).join('')).toContain('验证码');
      const [code] = codesTo(twilio, ZHANG);

      for (const wrong of [wrongOf(code), otherWrongOf(code)]) {
        const both = gate('verifyOtp', 2);
        const racing = [two.app(both(a)), two.app(both(b))];
        const answers = await stranger.press(racing, wrong);
        expect(answers[0].body).toBe(answers[1].body);
        expect(said(answers[0].verbs).join('')).not.toContain('锁定');
      }
      const pool = await db.open();
      const { rows } = await pool.query<{ failures: number; locked_until: string | null }>("SELECT failures, locked_until FROM otp_state WHERE account_id LIKE 'by:%'");
      expect(rows).toEqual([{ failures: 2, locked_until: null }]);

      const [verified] = await stranger.press(plain, code);
      expect(said(verified.verbs)).toContain('身份验证成功。');
      expect(codesTo(twilio, ZHANG)).toHaveLength(1);
    } finally {
      await two.close();
    }
  });
});
