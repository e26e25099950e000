import twilio from 'twilio';
import { SimulatedClock } from '../../../src/platform/clock';
import { createCallerServices } from '../../../src/services/caller-services';
import { createOutboxSender } from '../../../src/services/sms/outbox-sender';
import { SmsRejectedError } from '../../../src/services/sms/sms-sender';
import { createTwilioClient } from '../../../src/telephony/twilio-rest/twilio-client';
import { twilioSmsSender } from '../../../src/telephony/twilio-rest/twilio-sms-sender';
import { loadAccountsIntoSqlite, sqliteSmsOutbox, sqliteStores } from '../../../src/stores/sqlite';
import { startFakeTwilio, type FakeTwilio } from '../../helpers/fake-twilio';
import { CONTRACT_ACCOUNTS } from '../contracts/account-directory.contract';
import { anSms } from '../contracts/sms-outbox.contract';
import { anEffect } from '../effects';
import { tempSqliteDir } from '../temp-sqlite';
import { shippedCentre } from '../../helpers/call-centre';

const T0 = Date.UTC(2026, 10, 23, 2, 0);

describe('SMS through the Twilio REST API', () => {
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
  const client = (authToken = fake.authToken) => createTwilioClient({ accountSid: fake.accountSid, authToken, apiBaseUrl: fake.baseUrl });

  it('sends an SMS with the real twilio client to TWILIO_API_BASE_URL over HTTP', async () => {
    const sender = twilioSmsSender({ client: client() });
    const { sid } = await sender.send(anSms('k1', { body: '【客服热线】您的工单已受理，工单号12345678。' }));
    expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.messages).toEqual([{ sid, accountSid: fake.accountSid, to: '+8613800138000', from: '+8610690000', body: '【客服热线】您的工单已受理，工单号12345678。', dateCreated: expect.any(Date) }]);
    expect(fake.requests).toEqual([{ method: 'POST', path: `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`, status: 201 }]);
  });

  it('keeps a base path of TWILIO_API_BASE_URL in front of the API path', async () => {
    const c = createTwilioClient({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: `${fake.baseUrl}/prefix/` });
    await expect(twilioSmsSender({ client: c }).send(anSms('k1'))).rejects.toBeInstanceOf(twilio.RestException);
    expect(fake.requests[0].path).toBe(`/prefix/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
  });

  it('lets wrong credentials be retried (fixable), and turns a 400 for a bad number into a rejection', async () => {
    const wrong = twilioSmsSender({ client: client('not-the-token') });
    const denied = await wrong.send(anSms('k1')).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(twilio.RestException);
    expect(denied).not.toBeInstanceOf(SmsRejectedError);
    expect(fake.requests[0].status).toBe(401);

    fake.failNext(1, { status: 400, code: 21211, message: "The 'To' number +86000 is not a valid phone number." });
    const rejected = await twilioSmsSender({ client: client() }).send(anSms('k2', { to: '+86000' })).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(SmsRejectedError);
    expect(rejected).toMatchObject({ providerCode: 21211, message: expect.stringContaining('code 21211') });
    expect(fake.messages).toEqual([]);
  });

  it('retries through the outbox while Twilio fails, on the simulated clock, and records the failure', async () => {
    const clock = new SimulatedClock(T0);
    const outbox = sqliteSmsOutbox(tmp.open());
    const loop = createOutboxSender({ outbox, sender: twilioSmsSender({ client: client() }), clock });
    await outbox.enqueue(anSms('CA1/t2/ticket'), clock.now());

    fake.failNext(1, { status: 500 });
    fake.failNext(1, { status: 503, code: 20503, message: 'Service unavailable' });
    expect(await loop.flush()).toMatchObject({ retrying: 1 });
    expect(await outbox.get('CA1/t2/ticket')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 30_000, lastError: expect.stringContaining('500') });

    clock.advance(29_999);
    await loop.flush();
    expect(fake.requests).toHaveLength(1);
    clock.advance(1);
    await loop.flush();
    expect(await outbox.get('CA1/t2/ticket')).toMatchObject({ attempts: 2, lastError: 'Service unavailable', nextAttemptAt: T0 + 30_000 + 120_000 });

    clock.advance(120_000);
    expect(await loop.flush()).toMatchObject({ sent: 1 });
    const entry = await outbox.get('CA1/t2/ticket');
    expect(entry).toMatchObject({ status: 'sent', attempts: 3, sid: fake.messages[0].sid });
    expect(fake.messages).toHaveLength(1);
  });

  it('never sends one message twice when two processes flush the same SQLite outbox', async () => {
    const clock = new SimulatedClock(T0);
    const writer = sqliteSmsOutbox(tmp.open());
    for (let i = 1; i <= 30; i++) await writer.enqueue(anSms(`CA${i}/ticket`, { body: `ticket ${i}` }), clock.now());
    // Two connections to one file, as two server processes would hold.
    const sender = twilioSmsSender({ client: client() });
    const a = createOutboxSender({ outbox: sqliteSmsOutbox(tmp.open()), sender, clock, batchSize: 3, claimer: 'process-a' });
    const b = createOutboxSender({ outbox: sqliteSmsOutbox(tmp.open()), sender, clock, batchSize: 3, claimer: 'process-b' });
    fake.failNext(4, { status: 500 });

    const [ra, rb] = await Promise.all([a.flush(), b.flush()]);
    expect(ra.sent + rb.sent).toBe(26);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    clock.advance(30_000);
    await Promise.all([a.flush(), b.flush()]);

    const bodies = fake.messages.map((m) => m.body).sort();
    expect(bodies).toHaveLength(30);
    expect(new Set(bodies).size).toBe(30);
    expect(await writer.list({ status: 'sent' })).toHaveLength(30);
  });

  it('wires like the server: ticket SMS queued then flushed to Twilio, one-time codes sent at once', async () => {
    const clock = new SimulatedClock(T0);
    const db = tmp.open();
    loadAccountsIntoSqlite(db, CONTRACT_ACCOUNTS);
    const services = createCallerServices({ centre: shippedCentre(), stores: sqliteStores(db), clock, smsSender: twilioSmsSender({ client: client() }), smsFrom: () => '+8610690000', links: {} });

    expect(await services.handlers.sendOtp(anEffect('sendOtp', { accountId: 'U10001' }))).toEqual({ status: 'sent' });
    expect(fake.messages.map((m) => m.body)).toEqual([expect.stringMatching(/验证码是\d{6}/)]);

    const result = await services.handlers.createTicket(anEffect('createTicket', { category: 'emergency', priority: 'urgent', summary: '账号被盗', notify: true, vars: {} }));
    expect(result).toMatchObject({ slaMinutes: 15, dueAt: new Date(T0 + 15 * 60_000).toISOString() });
    expect(fake.messages).toHaveLength(1);
    expect(await services.outboxSender!.flush()).toMatchObject({ sent: 1 });
    expect(fake.messages[1]).toMatchObject({ to: '+8613800138000', body: expect.stringContaining(`工单号${result.ticketId}`) });
  });
});
