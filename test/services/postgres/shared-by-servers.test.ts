import { SimulatedClock } from '../../../src/platform/clock';
import { createOtpService } from '../../../src/services/identity/otp-service';
import { createOutboxSender } from '../../../src/services/sms/outbox-sender';
import type { SmsMessage, SmsSender } from '../../../src/services/sms/sms-sender';
import type { CloseDecision } from '../../../src/services/survey/call-closing';
import { planSurvey } from '../../../src/services/survey/survey-rules';
import { pgCallStore } from '../../../src/stores/calls/postgres/pg-call-store';
import { pgCallClosing, pgOtpStore, pgSmsOutbox, pgSurveyStore, type PgPool } from '../../../src/stores/postgres';
import { describeWith, testSchema } from '../../helpers/external-services';
import { aCallRecord } from '../../helpers/store-contracts';
import { anSms } from '../contracts/sms-outbox.contract';

const T0 = Date.UTC(2026, 10, 23, 2, 0);

/** Closes as the status callback does: completed, with a survey for a caller who pressed a key. */
const closeCompleted =
  (at: number, body?: string): CloseDecision =>
  (record, optedOut) => {
    if (record.endedAt !== undefined) return { record };
    const closed = { ...record, status: 'completed' as const, endedAt: at };
    const survey = planSurvey(closed, { optedOut, from: '+8610690000001', at });
    if (survey && body !== undefined) survey.sms.body = body;
    return survey ? { record: closed, survey } : { record: closed };
  };

/** A sender that records what it sent, slowly enough that flushes overlap. */
function recorder(): SmsSender & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    sent,
    async send(m) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sent.push(m);
      return { sid: `SM${String(sent.length).padStart(32, '0')}` };
    },
  };
}

describeWith({ postgres: true }, 'PostgreSQL shared by several servers', () => {
  const db = testSchema();
  const extra: PgPool[] = [];
  afterAll(async () => {
    await Promise.all(extra.splice(0).map((p) => p.end()));
    await db.drop();
  });
  /** The first server's pool (emptied) and a second server's pool on the same schema. */
  const twoServers = async () => {
    const first = await db.fresh();
    const second = db.another();
    extra.push(second);
    return [first, second] as const;
  };

  it('counts three wrong codes keyed at once on two servers: the account locks', async () => {
    const [a, b] = await twoServers();
    const clock = new SimulatedClock(T0);
    const secret = Buffer.alloc(32, 7);
    const one = createOtpService({ store: pgOtpStore(a), now: () => clock.now(), secret, newCode: () => '482913' });
    const two = createOtpService({ store: pgOtpStore(b), now: () => clock.now(), secret });
    const asked = (key: string) => ({ accountId: 'U10001', key, caller: '+8613912345678', destination: '+8613800138000' });
    await one.issue(asked('CA1/1.0'));
    const answers = await Promise.all([one.verify(asked('CA1/2.0'), '111111'), two.verify(asked('CA2/2.0'), '222222'), one.verify(asked('CA3/2.0'), '333333')]);
    expect(answers.map((x) => x.status).sort()).toEqual(['locked', 'wrong', 'wrong']);
    expect(await two.verify(asked('CA1/3.0'), '482913')).toEqual({ status: 'locked' });
  });

  it('never sends one SMS twice when both servers flush the outbox at once (FOR UPDATE SKIP LOCKED)', async () => {
    const [a, b] = await twoServers();
    const clock = new SimulatedClock(T0);
    const writer = pgSmsOutbox(a);
    for (let i = 1; i <= 40; i++) await writer.enqueue(anSms(`CA${i}/ticket`, { body: `ticket ${i}` }), clock.now());
    const sender = recorder();
    const fa = createOutboxSender({ outbox: pgSmsOutbox(a), sender, clock, batchSize: 3, claimer: 'server-a' });
    const fb = createOutboxSender({ outbox: pgSmsOutbox(b), sender, clock, batchSize: 3, claimer: 'server-b' });
    const [ra, rb] = await Promise.all([fa.flush(), fb.flush()]);
    expect(ra.sent + rb.sent).toBe(40);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    expect(new Set(sender.sent.map((m) => m.key)).size).toBe(40);
    expect(sender.sent).toHaveLength(40);
    expect(await writer.list({ status: 'sent' })).toHaveLength(40);
  });

  it('queues exactly one survey SMS when both servers get the status callback at the same moment', async () => {
    const [a, b] = await twoServers();
    const calls = [pgCallStore(a), pgCallStore(b)];
    await calls[0].open(aCallRecord('CA1', T0 - 60_000, { turns: [{ n: 1, at: T0, input: 'digits', node: 'main', result: 'waiting', ms: 3 }] }));
    const closings = [pgCallClosing(a, { calls: calls[0] }), pgCallClosing(b, { calls: calls[1] })];
    const closed = await Promise.all([closings[0].close('CA1', closeCompleted(T0), T0), closings[1].close('CA1', closeCompleted(T0 + 1), T0 + 1), closings[0].close('CA1', closeCompleted(T0 + 2), T0 + 2)]);
    // Whichever came first closed it; the others found it closed.
    expect(new Set(closed.map((r) => r?.endedAt)).size).toBe(1);
    expect((await pgSmsOutbox(a).list()).map((m) => [m.key, m.kind])).toEqual([['CA1/survey', 'survey']]);
    expect(await pgSurveyStore(b).get('CA1')).toMatchObject({ callSid: 'CA1', smsKey: 'CA1/survey' });
    expect(await closings[1].close('CA404', closeCompleted(T0), T0)).toBeUndefined();
  });

  it('leaves the call open, with no survey, when the SMS cannot be queued: all or nothing', async () => {
    const [a] = await twoServers();
    const calls = pgCallStore(a);
    await calls.open(aCallRecord('CA1', T0 - 60_000, { turns: [{ n: 1, at: T0, input: 'digits', node: 'main', result: 'waiting', ms: 3 }] }));
    // PostgreSQL refuses a NUL character in text: the outbox insert fails inside the transaction.
    await expect(pgCallClosing(a, { calls }).close('CA1', closeCompleted(T0, 'bad\u0000body'), T0)).rejects.toThrow();
    expect(await calls.get('CA1')).toMatchObject({ status: 'in-progress' });
    expect(await pgSurveyStore(a).get('CA1')).toBeUndefined();
    expect(await pgSmsOutbox(a).list()).toEqual([]);
  });

  it('sends no survey to a number that opted out', async () => {
    const [a] = await twoServers();
    const calls = pgCallStore(a);
    await calls.open(aCallRecord('CA1', T0 - 60_000, { turns: [{ n: 1, at: T0, input: 'digits', node: 'main', result: 'waiting', ms: 3 }] }));
    await pgSurveyStore(a).optOut('+8613800138000', T0 - 1, 'TD');
    await pgCallClosing(a, { calls }).close('CA1', closeCompleted(T0), T0);
    expect(await pgSmsOutbox(a).list()).toEqual([]);
    expect(await calls.get('CA1')).toMatchObject({ status: 'completed' });
  });
});
