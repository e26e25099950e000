import type { SmsOutbox } from '../../../src/services/sms/sms-outbox';
import type { SmsMessage } from '../../../src/services/sms/sms-sender';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const LEASE = 60_000;

export function anSms(key: string, over: Partial<SmsMessage> = {}): SmsMessage {
  return { key, to: '+8613800138000', from: '+8610690000', body: `【客服热线】您的工单已受理 (${key})`, kind: 'ticket', ...over };
}

/** What every SmsOutbox must do. */
export function smsOutboxContract(name: string, make: MakeStore<SmsOutbox>) {
  describe(`SmsOutbox contract: ${name}`, () => {
    const newOutbox = fixtures(make);
    const claim = (outbox: SmsOutbox, now: number, claimer = 'sender-a', limit = 10) => outbox.claimDue({ now, limit, leaseMs: LEASE, claimer });

    it('queues a message as pending, due now, not yet tried', async () => {
      const outbox = await newOutbox();
      const entry = await outbox.enqueue(anSms('CA1/t1/e1'), T0);
      expect(entry).toMatchObject({ ...anSms('CA1/t1/e1'), status: 'pending', attempts: 0, nextAttemptAt: T0, createdAt: T0, claimedUntil: 0 });
      expect(entry.sid).toBeUndefined();
      expect(await outbox.get('CA1/t1/e1')).toEqual(entry);
    });

    it('queues a key once: enqueueing it again returns the first message', async () => {
      const outbox = await newOutbox();
      const first = await outbox.enqueue(anSms('CA1/t1/e1'), T0);
      const again = await outbox.enqueue(anSms('CA1/t1/e1', { body: 'changed' }), T0 + 5);
      expect(again).toEqual(first);
      expect(await outbox.list()).toHaveLength(1);
    });

    it('hands a due message to one claimer, counting an attempt, until the lease ends', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('m1'), T0);
      const [claimed, ...rest] = await claim(outbox, T0, 'sender-a');
      expect(rest).toEqual([]);
      expect(claimed).toMatchObject({ key: 'm1', attempts: 1, claimedUntil: T0 + LEASE, status: 'pending' });
      expect(await claim(outbox, T0 + LEASE - 1, 'sender-b')).toEqual([]);
      const reclaimed = await claim(outbox, T0 + LEASE, 'sender-b');
      expect(reclaimed.map((e) => [e.key, e.attempts])).toEqual([['m1', 2]]);
    });

    it('never gives the same message to two claimers claiming at once', async () => {
      const outbox = await newOutbox();
      for (let i = 1; i <= 6; i++) await outbox.enqueue(anSms(`m${i}`), T0);
      const [a, b] = await Promise.all([claim(outbox, T0, 'sender-a', 4), claim(outbox, T0, 'sender-b', 4)]);
      const keys = [...a, ...b].map((e) => e.key).sort();
      expect(keys).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    });

    it('claims at most `limit`, the longest due first', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('later'), T0 + 2);
      await outbox.enqueue(anSms('first'), T0);
      await outbox.enqueue(anSms('second'), T0 + 1);
      expect((await claim(outbox, T0 + 10, 'a', 2)).map((e) => e.key)).toEqual(['first', 'second']);
      expect((await claim(outbox, T0 + 10, 'a', 2)).map((e) => e.key)).toEqual(['later']);
    });

    it('does not claim a message before it is due', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('m1'), T0 + 1000);
      expect(await claim(outbox, T0 + 999)).toEqual([]);
      expect(await claim(outbox, T0 + 1000)).toHaveLength(1);
    });

    it('records a send with the provider sid, and never hands the message out again', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('m1'), T0);
      const [e] = await claim(outbox, T0);
      expect(await outbox.markSent(e.id, 'sender-a', { sid: 'SM0123', now: T0 + 300 })).toBe(true);
      expect(await outbox.get('m1')).toMatchObject({ status: 'sent', sid: 'SM0123', sentAt: T0 + 300, attempts: 1, claimedUntil: 0 });
      expect(await claim(outbox, T0 + 10 * LEASE)).toEqual([]);
    });

    it('ignores an outcome from a sender that no longer holds the claim', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('m1'), T0);
      const [e] = await claim(outbox, T0, 'sender-a');
      await claim(outbox, T0 + LEASE, 'sender-b');
      expect(await outbox.markSent(e.id, 'sender-a', { sid: 'SMlate', now: T0 + LEASE + 1 })).toBe(false);
      expect(await outbox.markFailed(e.id, 'sender-a', { error: 'late', now: T0 + LEASE + 1 })).toBe(false);
      expect(await outbox.get('m1')).toMatchObject({ status: 'pending', attempts: 2 });
      expect(await outbox.markSent(e.id, 'sender-b', { sid: 'SM0456', now: T0 + LEASE + 2 })).toBe(true);
    });

    it('puts a failed message back for a later retry, with its error', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('m1'), T0);
      const [e] = await claim(outbox, T0);
      expect(await outbox.markFailed(e.id, 'sender-a', { error: 'HTTP 500', now: T0 + 100, retryAt: T0 + 30_100 })).toBe(true);
      expect(await outbox.get('m1')).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 30_100, lastError: 'HTTP 500', claimedUntil: 0 });
      expect(await claim(outbox, T0 + 30_099)).toEqual([]);
      expect((await claim(outbox, T0 + 30_100)).map((x) => x.attempts)).toEqual([2]);
    });

    it('gives a message up as failed, keeping its last error, and never hands it out again', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('m1'), T0);
      const [e] = await claim(outbox, T0);
      expect(await outbox.markFailed(e.id, 'sender-a', { error: 'Twilio 21211: invalid To', now: T0 + 100 })).toBe(true);
      expect(await outbox.get('m1')).toMatchObject({ status: 'failed', lastError: 'Twilio 21211: invalid To' });
      expect(await claim(outbox, T0 + 10 * LEASE)).toEqual([]);
    });

    it('lists messages oldest first, by status', async () => {
      const outbox = await newOutbox();
      await outbox.enqueue(anSms('m1'), T0);
      await outbox.enqueue(anSms('m2'), T0 + 1);
      await outbox.enqueue(anSms('m3'), T0 + 2);
      const [e] = await claim(outbox, T0, 'a', 1);
      await outbox.markSent(e.id, 'a', { sid: 'SM1', now: T0 + 3 });
      expect((await outbox.list()).map((x) => x.key)).toEqual(['m1', 'm2', 'm3']);
      expect((await outbox.list({ status: 'pending' })).map((x) => x.key)).toEqual(['m2', 'm3']);
      expect((await outbox.list({ status: 'sent' })).map((x) => x.key)).toEqual(['m1']);
      expect((await outbox.list({ limit: 1 })).map((x) => x.key)).toEqual(['m1']);
      expect(await outbox.get('unknown')).toBeUndefined();
    });
  });
}
