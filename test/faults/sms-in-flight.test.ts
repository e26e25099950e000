import { SimulatedClock } from '../../src/platform/clock';
import { OUTBOX_RULES } from '../../src/services/sms/outbox-rules';
import { createOutboxSender } from '../../src/services/sms/outbox-sender';
import type { SmsOutbox } from '../../src/services/sms/sms-outbox';
import type { SmsSender } from '../../src/services/sms/sms-sender';
import { sqliteSmsOutbox } from '../../src/stores/sqlite';
import { createTwilioClient } from '../../src/telephony/twilio-rest/twilio-client';
import { twilioSmsSender } from '../../src/telephony/twilio-rest/twilio-sms-sender';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { until } from '../helpers/served-process';
import { anSms } from '../services/contracts/sms-outbox.contract';
import { tempSqliteDir } from '../services/temp-sqlite';

const T0 = Date.now();
const MESSAGES = 10;

/** The outbox as a sender that dies mid-flush sees it: claims work, and nothing it writes afterwards arrives. */
function diesAfterClaiming(outbox: SmsOutbox): SmsOutbox {
  const gone = () => Promise.reject(new Error('the process was killed'));
  return { ...outbox, markSent: gone, markFailed: gone };
}

describe('SMS in flight when their sender is killed', () => {
  let fake: FakeTwilio;
  let tmp: ReturnType<typeof tempSqliteDir>;
  beforeEach(async () => {
    fake = await startFakeTwilio();
    tmp = tempSqliteDir();
  });
  afterEach(async () => {
    await fake.close();
    tmp.remove();
  });
  const sender = (): SmsSender => twilioSmsSender({ client: createTwilioClient({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.baseUrl }) });

  it('are not sent again once their lease runs out: the next sender finds them at Twilio and marks them sent', async () => {
    const clock = new SimulatedClock(T0);
    const outbox = sqliteSmsOutbox(tmp.open());
    for (let i = 0; i < MESSAGES; i++) await outbox.enqueue(anSms(`CA${i}/t1/e1`, { to: `+86138001380${String(i).padStart(2, '0')}` }), T0);

    // Server A claims them all and posts them to a slow Twilio, then is killed with the requests in flight.
    const slow = fake.hold();
    const a = createOutboxSender({ outbox: diesAfterClaiming(outbox), sender: sender(), clock, claimer: 'server-a' });
    const killed = a.flush().catch((err: Error) => err);
    await until('server A\'s requests to reach Twilio', () => slow.waiting() === MESSAGES);
    slow.release(); // Twilio accepts every one; server A is gone before it can record that
    expect(await killed).toBeInstanceOf(Error);
    expect(fake.messages).toHaveLength(MESSAGES);

    // Server B flushes once the 60 s lease has run out.
    clock.advance(OUTBOX_RULES.leaseMs + 1);
    const b = createOutboxSender({ outbox, sender: sender(), clock, claimer: 'server-b' });
    expect(await b.flush()).toEqual({ sent: 0, retrying: 0, failed: 0, lostClaims: 0, alreadySent: MESSAGES });

    expect(fake.messages).toHaveLength(MESSAGES);
    const rows = await outbox.list();
    expect(rows.map((r) => r.status)).toEqual(Array(MESSAGES).fill('sent'));
    expect(new Set(rows.map((r) => r.sid))).toEqual(new Set(fake.messages.map((m) => m.sid)));
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(MESSAGES);
  });

  it('sends a message whose earlier attempt never reached Twilio, once', async () => {
    const clock = new SimulatedClock(T0);
    const outbox = sqliteSmsOutbox(tmp.open());
    for (let i = 0; i < MESSAGES; i++) await outbox.enqueue(anSms(`CA${i}/t1/e1`), T0);
    const unreachable: SmsSender = { send: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const a = createOutboxSender({ outbox: diesAfterClaiming(outbox), sender: unreachable, clock, claimer: 'server-a' });
    await a.flush().catch(() => undefined);
    expect(fake.messages).toHaveLength(0);

    clock.advance(OUTBOX_RULES.leaseMs + 1);
    const b = createOutboxSender({ outbox, sender: sender(), clock, claimer: 'server-b' });
    expect(await b.flush()).toMatchObject({ sent: MESSAGES, alreadySent: 0 });
    expect(fake.messages).toHaveLength(MESSAGES);
    expect(new Set(fake.messages.map((m) => m.body)).size).toBe(MESSAGES);
  });

  it('pages through Twilio\'s list of a number\'s messages to find an earlier attempt', async () => {
    const twilio = sender();
    const to = '+8613800138000';
    for (let i = 0; i < 120; i++) await twilio.send(anSms(`k${i}`, { to, body: `text ${i}` }));
    const found = await twilio.findSent!({ to, from: '+8610690000', body: 'text 3', since: T0 - 1000 });
    expect(found?.sid).toBe(fake.messages[3].sid);
    expect(await twilio.findSent!({ to, from: '+8610690000', body: 'never sent', since: T0 - 1000 })).toBeUndefined();
    expect(await twilio.findSent!({ to: '+8613900139000', from: '+8610690000', body: 'text 3', since: T0 - 1000 })).toBeUndefined();
    expect(fake.requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(3 + 2);
  });
});
