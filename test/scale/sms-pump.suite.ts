import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { RemoteCaller, SERVED_ADMIN_TOKEN, SERVED_AUTH_TOKEN, startServed, until, type ServedProcess } from '../helpers/served-process';

const PARALLEL = 8;
const SPOOFED = '+447400123456';
const INTERNATIONAL = '+86-400-0066-888';

/**
 * An autodialler spoofing one UK mobile hammers a real `ivr serve` (SQLite, real clock) as fast as
 * it can for `SECONDS`: each call leaves an after-hours voicemail on the international line (a
 * ticket, texted to the caller) and hangs up (a survey). Before the SMS guard, 30 s of this sent
 * 5,546 SMS and opened 2,773 tickets. Run briefly by the tests, for 30 s by `npm run measure`.
 */
export function smsPumpSuite(seconds: number) {
  describe('an SMS pump against a served process', () => {
    let dir: string;
    let twilio: FakeTwilio;
    let server: ServedProcess;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ivr-pump-'));
      // The shipped flows, with the international line closed all day so every call is after hours.
      cpSync('flows', join(dir, 'flows'), { recursive: true });
      const hotlines = join(dir, 'flows', 'hotlines.yaml');
      const yaml = readFileSync(hotlines, 'utf8');
      const open = "    hours:\n      daily: ['10:00-19:00']\n    languages: [en-US, zh-CN]";
      if (!yaml.includes(open)) throw new Error('flows/hotlines.yaml: the international line no longer says daily 10:00-19:00; update this test');
      writeFileSync(hotlines, yaml.replace(open, '    hours:\n      daily: []\n    languages: [en-US, zh-CN]'));
      twilio = await startFakeTwilio({ authToken: SERVED_AUTH_TOKEN });
      server = await startServed('pumped server', {
        DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`,
        FLOWS_DIR: join(dir, 'flows'),
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_API_BASE_URL: twilio.baseUrl,
        SMS_FLUSH_INTERVAL_MS: '200',
      });
    }, 40_000);

    afterAll(async () => {
      if (server && server.child.exitCode === null) server.kill('SIGTERM');
      await server?.exited;
      await twilio?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`texts a spoofed caller ID hammering the line for ${seconds} s no more than its caps: 3 ticket numbers and 1 survey`, async () => {
      const deadline = Date.now() + seconds * 1000;
      let calls = 0;
      let badAnswers = 0;
      const pump = async () => {
        while (Date.now() < deadline) {
          const caller = new RemoteCaller({ to: INTERNATIONAL, from: SPOOFED });
          await caller.ring(server);
          await caller.press(server, '1');
          await caller.press(server, '1');
          const record = caller.verbs.find((v) => v.verb === 'Record');
          if (!record) {
            badAnswers++;
            continue;
          }
          await caller.post(server, record.attrs.action, { CallSid: caller.sid, AccountSid: `AC${'0'.repeat(32)}`, To: INTERNATIONAL, From: SPOOFED, RecordingUrl: `https://api.twilio.com/recordings/RE${calls}`, RecordingDuration: '5', Digits: '#' });
          if (!caller.shape().includes('Hangup')) badAnswers++;
          await caller.hangUp(server);
          calls++;
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, pump));

      // The outbox flushes every 200 ms: wait (bounded) for what was admitted to reach Twilio.
      await until('the admitted SMS to reach the fake Twilio', () => twilio.messages.length >= 4, 10_000);
      const metrics = await (await fetch(`${server.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${SERVED_ADMIN_TOKEN}` } })).text();
      const count = (name: string, labels: string) => Number(new RegExp(`${name}\\{${labels}\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
      const refused = { ticket: count('ivr_sms_refused_total', 'kind="ticket",reason="destination_cap"'), survey: count('ivr_sms_refused_total', 'kind="survey",reason="destination_cap"') };
      const tickets = count('ivr_tickets_created_total', 'category="voicemail"');
      process.stdout.write(`\n  SMS pump, ${seconds} s x ${PARALLEL} parallel: ${calls} calls, ${tickets} tickets, ${twilio.messages.length} SMS at Twilio, refused ${JSON.stringify(refused)}\n`);

      expect(badAnswers).toBe(0);
      expect(calls).toBeGreaterThan(PARALLEL);
      expect(twilio.messages.map((m) => m.to)).toEqual(Array(4).fill(SPOOFED));
      expect(refused).toEqual({ ticket: calls - 3, survey: calls - 1 });
      // Later voicemails from the number are noted on its ticket (the service still takes them);
      // the look-up is not atomic with the insert, so callers racing at the very start may open one each.
      expect(tickets).toBeGreaterThanOrEqual(1);
      expect(tickets).toBeLessThanOrEqual(PARALLEL);
    }, 120_000);
  });
}
