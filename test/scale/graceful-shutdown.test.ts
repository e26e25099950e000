import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { RemoteCaller, SERVED_AUTH_TOKEN, startServed, until, type ServedProcess } from '../helpers/served-process';

const GENERAL = '400-0066-888';
const ZHANG = '+8613800138000';

/** `ivr serve` as a process, receiving SIGTERM in the middle of a slow turn. */
describe('stopping ivr serve with SIGTERM', () => {
  let dir: string;
  let twilio: FakeTwilio;
  let server: ServedProcess | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-shutdown-'));
    twilio = await startFakeTwilio({ authToken: SERVED_AUTH_TOKEN });
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.kill('SIGKILL');
    await server?.exited;
    await twilio.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = (env: Record<string, string> = {}) =>
    startServed('server', {
      DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      // Never by itself during the test: the only flush is the one on the way out.
      SMS_FLUSH_INTERVAL_MS: '600000',
      ...env,
    });
  const codeFor = (phone: string) => twilio.messages.filter((m) => m.to === phone && /验证码/.test(m.body)).at(-1)!.body.match(/\d{6}/)![0];

  it('stops accepting, finishes the turn in flight, sends the queued SMS once more, and exits 0', async () => {
    server = await serve();
    // A verified caller asks for a password-reset link: it waits in the outbox.
    const first = new RemoteCaller({ to: GENERAL, from: ZHANG });
    await first.ring(server);
    await first.press(server, '1');
    await first.press(server, '1');
    await first.press(server, codeFor(ZHANG));
    await first.press(server, '1');
    expect(first.heard().join('')).toContain('密码重置链接已发送');
    expect(twilio.messages.filter((m) => /重置/.test(m.body))).toEqual([]);

    // A second caller's turn sends a code through a Twilio that does not answer yet: a slow turn.
    // Another account holder: ZHANG had a code less than a minute ago (the throttle sends no other).
    const second = new RemoteCaller({ to: GENERAL, from: '+8613700137000' });
    await second.ring(server);
    await second.press(server, '1');
    const slow = twilio.hold();
    const inFlight = second.press(server, '1');
    await until('the slow turn to reach Twilio', () => slow.waiting() === 1);

    server.kill('SIGTERM');
    await until('the server to refuse new connections', () => fetch(`${server!.baseUrl}/healthz`).then(() => false, () => true));
    expect(server.child.exitCode).toBeNull();

    slow.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(second.heard().join('')).toContain('验证码已发送');

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(twilio.messages.filter((m) => /重置/.test(m.body))).toHaveLength(1);
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping: no new connections; finishing the turns in flight', 'stopped']));
  });

  it('gives up after SHUTDOWN_TIMEOUT_MS, saying so, and exits 1', async () => {
    server = await serve({ SHUTDOWN_TIMEOUT_MS: '1000' });
    const caller = new RemoteCaller({ to: GENERAL, from: ZHANG });
    await caller.ring(server);
    await caller.press(server, '1');
    const slow = twilio.hold();
    const inFlight = caller.press(server, '1').catch((err: unknown) => err);
    await until('the slow turn to reach Twilio', () => slow.waiting() === 1);

    const stopAt = Date.now();
    server.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(Date.now() - stopAt).toBeLessThan(5000);
    expect(server.stderr()).toContain('ivr serve: could not stop within 1000 ms (1 request(s) still running); exiting with 1');
    slow.release();
    await inFlight;
  });
});
