import { SimulatedClock } from '../../../src/platform/clock';
import { createOutboxSender, type OutboxLogger } from '../../../src/services/sms/outbox-sender';
import { memorySmsOutbox } from '../../../src/services/sms/sms-outbox';
import { SmsRejectedError, type SmsMessage, type SmsSender } from '../../../src/services/sms/sms-sender';
import { anSms } from '../contracts/sms-outbox.contract';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const SEC = 1000;
const MIN = 60 * SEC;

/** A sender that fails while `failures` has entries, then succeeds. */
function scriptedSender(failures: Error[] = []) {
  const sent: SmsMessage[] = [];
  const tries: string[] = [];
  const sender: SmsSender = {
    async send(m) {
      tries.push(m.key);
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(m);
      return { sid: `SM${String(sent.length).padStart(32, '0')}` };
    },
  };
  return { sender, sent, tries };
}

function logs() {
  const lines: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } as unknown as OutboxLogger };
}

describe('the SMS outbox sender', () => {
  let clock: SimulatedClock;
  beforeEach(() => (clock = new SimulatedClock(T0)));

  it('sends nothing until a driver flushes: the core keeps no timer', async () => {
    const outbox = memorySmsOutbox();
    const { sender, tries } = scriptedSender();
    createOutboxSender({ outbox, sender, clock });
    await outbox.enqueue(anSms('m1'), clock.now());
    expect(tries).toEqual([]);
  });

  it('sends every due message once and records the Twilio sid', async () => {
    const outbox = memorySmsOutbox();
    const { sender, sent } = scriptedSender();
    const loop = createOutboxSender({ outbox, sender, clock, batchSize: 2 });
    for (const k of ['m1', 'm2', 'm3']) await outbox.enqueue(anSms(k), clock.now());
    expect(await loop.flush()).toEqual({ sent: 3, retrying: 0, failed: 0, lostClaims: 0, alreadySent: 0 });
    expect(sent.map((m) => m.key)).toEqual(['m1', 'm2', 'm3']);
    expect(await outbox.get('m3')).toMatchObject({ status: 'sent', sid: `SM${'3'.padStart(32, '0')}`, sentAt: T0 });
    expect(await loop.flush()).toEqual({ sent: 0, retrying: 0, failed: 0, lostClaims: 0, alreadySent: 0 });
    expect(sent).toHaveLength(3);
  });

  it('retries a failing send after 30 s, 2 min and 10 min, then gives it up as failed with the last error', async () => {
    const outbox = memorySmsOutbox();
    const { sender, tries } = scriptedSender([1, 2, 3, 4].map((n) => new Error(`HTTP 500 #${n}`)));
    const loop = createOutboxSender({ outbox, sender, clock });
    await outbox.enqueue(anSms('m1'), clock.now());

    expect(await loop.flush()).toMatchObject({ retrying: 1 });
    expect(await outbox.get('m1')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 30 * SEC, lastError: 'HTTP 500 #1' });

    for (const [wait, attempt] of [[30 * SEC, 2], [2 * MIN, 3], [10 * MIN, 4]] as const) {
      clock.advance(wait - 1);
      await loop.flush();
      expect(tries).toHaveLength(attempt - 1);
      clock.advance(1);
      await loop.flush();
      expect(tries).toHaveLength(attempt);
    }
    expect(await outbox.get('m1')).toMatchObject({ status: 'failed', attempts: 4, lastError: 'HTTP 500 #4' });
    clock.advance(60 * MIN);
    await loop.flush();
    expect(tries).toHaveLength(4);
  });

  it('sends on the retry once the provider recovers', async () => {
    const outbox = memorySmsOutbox();
    const { sender, sent } = scriptedSender([new Error('socket hang up')]);
    const loop = createOutboxSender({ outbox, sender, clock });
    await outbox.enqueue(anSms('m1'), clock.now());
    await loop.flush();
    clock.advance(30 * SEC);
    expect(await loop.flush()).toMatchObject({ sent: 1 });
    expect(sent.map((m) => m.key)).toEqual(['m1']);
    expect(await outbox.get('m1')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await outbox.get('m1')).not.toHaveProperty('lastError');
  });

  it('gives up at once on a message the provider refuses for good (an invalid number)', async () => {
    const outbox = memorySmsOutbox();
    const { sender, tries } = scriptedSender([new SmsRejectedError("The 'To' number +86000 is not a valid phone number.", 21211)]);
    const loop = createOutboxSender({ outbox, sender, clock });
    await outbox.enqueue(anSms('m1', { to: '+86000' }), clock.now());
    expect(await loop.flush()).toMatchObject({ failed: 1, retrying: 0 });
    expect(await outbox.get('m1')).toMatchObject({ status: 'failed', lastError: expect.stringContaining('not a valid phone number') });
    clock.advance(60 * MIN);
    await loop.flush();
    expect(tries).toHaveLength(1);
  });

  it('joins a flush already running instead of starting a second one', async () => {
    const outbox = memorySmsOutbox();
    const { sender, tries } = scriptedSender();
    const loop = createOutboxSender({ outbox, sender, clock });
    await outbox.enqueue(anSms('m1'), clock.now());
    const [a, b] = await Promise.all([loop.flush(), loop.flush()]);
    expect(a).toBe(b);
    expect(tries).toEqual(['m1']);
  });

  it('logs outcomes with the masked number and never the text', async () => {
    const outbox = memorySmsOutbox();
    const { sender } = scriptedSender([new Error('HTTP 503')]);
    const { lines, logger } = logs();
    const loop = createOutboxSender({ outbox, sender, clock, logger });
    await outbox.enqueue(anSms('m1', { body: '您的重置链接 https://kefu.example.com/reset?t=secret' }), clock.now());
    await loop.flush();
    clock.advance(30 * SEC);
    await loop.flush();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'SMS failed, will retry'],
      ['info', 'SMS sent'],
    ]);
    const text = JSON.stringify(lines.map((l) => l.obj));
    expect(text).not.toContain('secret');
    expect(text).not.toContain('13800138000');
  });
});
