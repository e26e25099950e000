import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { RemoteCaller, startServed, type ServedProcess } from '../helpers/served-process';

/**
 * The abuse runs of issue 10, against a real `ivr serve` child on SQLite with SMS to a fake
 * Twilio: a minute of calls from one caller ID keying a victim's number, and a stranger's three
 * wrong codes followed by the owner's call. Real time (60 s): not part of `npm test`; run it with
 * `npm run measure` (jest picks up test/measure/*.measure.ts only there).
 */
const GENERAL = '400-0066-888';
const VICTIM = '+8613800138000';
const ATTACKER = '+8613912345678';
describe('one-time code abuse against a served process (measurement)', () => {
  let twilio: FakeTwilio;
  let server: ServedProcess;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-otp-abuse-'));
    twilio = await startFakeTwilio({ authToken: 'served-auth-token' });
    server = await startServed('server', { DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`, TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_API_BASE_URL: twilio.baseUrl });
  }, 30_000);
  afterAll(async () => {
    server?.kill('SIGTERM');
    await server?.exited;
    await twilio?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const codesTo = (phone: string) => twilio.messages.filter((m) => m.to === phone && /验证码/.test(m.body));

  it('one caller ID keying a victim\'s number for 60 s: the codes reaching the fake Twilio stay within the throttle', async () => {
    const until = Date.now() + 60_000;
    let calls = 0;
    const loop = async () => {
      while (Date.now() < until) {
        const c = new RemoteCaller({ to: GENERAL, from: ATTACKER });
        await c.ring(server);
        await c.press(server, '2');
        await c.press(server, VICTIM.slice(3));
        calls++;
      }
    };
    await Promise.all([loop(), loop(), loop(), loop()]);
    console.log(`MEASURE flood: ${calls} calls in 60 s keyed the victim's number; ${codesTo(VICTIM).length} code SMS reached the fake Twilio`);
    expect(codesTo(VICTIM).length).toBeLessThanOrEqual(2);
  }, 90_000);

  it('a stranger\'s three wrong codes do not lock the owner out: the owner verifies with the code on their phone', async () => {
    const before = codesTo(VICTIM).length;
    const stranger = new RemoteCaller({ to: GENERAL, from: '+8613711112222' });
    await stranger.ring(server);
    await stranger.press(server, '2');
    await stranger.press(server, VICTIM.slice(3));
    const heard: string[] = [];
    for (const wrong of ['000001', '000002', '000003']) {
      await stranger.press(server, wrong);
      heard.push(stranger.heard().join(' '));
    }
    const owner = new RemoteCaller({ to: GENERAL, from: VICTIM });
    await owner.ring(server);
    await owner.press(server, '2');
    await owner.press(server, '1');
    const code = codesTo(VICTIM).at(-1)!.body.match(/\d{6}/)![0];
    await owner.press(server, code);
    console.log(`MEASURE lockout: stranger heard [${heard.join(' | ')}]; new code SMS: ${codesTo(VICTIM).length - before}; owner then heard: ${owner.heard().join(' ')}`);
    expect(heard[2]).toContain('锁定');
    expect(owner.heard()).toContain('身份验证成功。');
  }, 30_000);
});
