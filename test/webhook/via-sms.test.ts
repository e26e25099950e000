import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { startCliCaller } from '../helpers/cli-caller';
import { LB_PUBLIC_URL, SERVED_ADMIN_TOKEN, SERVED_AUTH_TOKEN, startServed, type ServedProcess } from '../helpers/served-process';

const GENERAL = '400-0066-888';
const ZHANG = '+8613800138000';

/** `ivr call --via` against a real server process: the SMS it sent show in the transcript only in development. */
describe('ivr call --via shows the SMS the server sent', () => {
  let dir: string;
  let server: ServedProcess | undefined;
  let twilio: FakeTwilio | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-via-sms-'));
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.kill('SIGKILL');
    await server?.exited;
    await twilio?.close();
    server = twilio = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('on npm start: the caller reads the code off the transcript before being asked for it, types it, and reaches the stolen-account ticket', async () => {
    // As `npm start` with no settings: development, SQLite, SMS only logged, the development tokens.
    server = await startServed('server', { NODE_ENV: '', DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`, TWILIO_AUTH_TOKEN: '', ADMIN_TOKEN: '' });
    // No token given: `ivr call` takes the development defaults the server printed.
    const cli = startCliCaller([GENERAL, '--from', ZHANG, '--via', server.baseUrl], { PUBLIC_BASE_URL: LB_PUBLIC_URL });
    await cli.type('1'); // account problems
    await cli.type('1'); // the code to this phone
    const [sms, code] = await cli.waitFor(/✉️ {2}SMS to 138\*{4}8000: \S*验证码是(\d{6})\S*/);
    await cli.waitFor(/请说出或输入短信中的6位验证码/);
    expect(cli.out().indexOf(sms)).toBeLessThan(cli.out().indexOf('请说出或输入短信中的6位验证码'));
    await cli.type(code);
    await cli.waitFor(/身份验证成功/);
    await cli.type('2'); // my account was stolen
    const [, ticket] = await cli.waitFor(/已为您登记紧急工单\D*(\d(?: \d){7})/);
    await cli.type('2'); // a call back instead of waiting
    expect(await cli.exited).toBe(0);
    const out = cli.out();
    // The ticket's own SMS follows the code, each shown once, as it left.
    expect(out.match(/✉️ {2}SMS to/g)).toHaveLength(2);
    expect(out).toMatch(new RegExp(`✉️ {2}SMS to 138\\*{4}8000: \\S*工单号${ticket.replace(/ /g, '')}`));
    expect(out.split(sms)).toHaveLength(2);
    // It ends with the path the server's call record holds, like the in-process call.
    expect(out.trim().split('\n').at(-1)).toMatch(/^path: welcome → .*(main|peak)_menu → account_identity → verify → .*emergency_ticket/);
    // The server logged the SMS (masked number, kind) but never the code.
    expect(server.logs.some((l) => l.kind === 'otp')).toBe(true);
    expect(JSON.stringify(server.logs) + server.stderr()).not.toContain(code);
  }, 60_000);

  it('in production the route does not exist (404 with the right token): the caller is told once that codes reach the phone only', async () => {
    twilio = await startFakeTwilio({ authToken: SERVED_AUTH_TOKEN });
    server = await startServed('server', {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      OTP_SECRET: 'a-production-otp-secret-of-32-characters',
      DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`,
    });
    const cli = startCliCaller([GENERAL, '--from', ZHANG, '--via', server.baseUrl, '--admin-token', SERVED_ADMIN_TOKEN], {
      PUBLIC_BASE_URL: LB_PUBLIC_URL,
      TWILIO_AUTH_TOKEN: SERVED_AUTH_TOKEN,
    });
    await cli.type('1');
    await cli.type('1');
    await cli.waitFor(/请说出或输入短信中的6位验证码/);
    expect(await cli.hangUp()).toBe(0);
    const code = twilio.messages.find((m) => m.to === ZHANG)!.body.match(/\d{6}/)![0];
    expect(cli.out()).not.toContain(code);
    expect(cli.out()).not.toContain('✉️');
    expect(cli.out().match(/the server does not show the SMS it sends/g)).toHaveLength(1);

    const sid = cli.out().match(/ as (CA[0-9a-f]{32})/)![1];
    const get = (token?: string) => fetch(`${server!.baseUrl}/api/dev/calls/${sid}/sms`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    expect((await get(SERVED_ADMIN_TOKEN)).status).toBe(404);
    expect((await get()).status).toBe(401);
  }, 60_000);
});
