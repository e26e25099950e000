import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { maskPhone } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import { OUTBOX_RULES, nextAttemptAt } from './outbox-rules';
import type { OutboxEntry, SmsOutbox } from './sms-outbox';
import { SmsRejectedError, type SmsSender } from './sms-sender';

export type OutboxLogger = Pick<Logger, 'info' | 'warn' | 'error'>;
/** `alreadySent`: found at the provider from an earlier attempt, marked sent without sending again. */
export type FlushReport = { sent: number; retrying: number; failed: number; lostClaims: number; alreadySent: number };

/** A batch cap per flush, so one flush cannot run forever while writers keep enqueuing. */
const MAX_BATCHES_PER_FLUSH = 100;

/**
 * Delivers the outbox: `flush()` claims due messages, sends each, and records the provider's sid,
 * a retry time, or a final failure. It owns no timer: a driver calls `flush()` (the server on an
 * interval, tests after moving the simulated clock). Several senders, in one process or many, may
 * flush the same outbox; a claim keeps each message with one of them.
 */
export function createOutboxSender({
  outbox,
  sender,
  clock,
  logger,
  claimer = `outbox-${randomUUID()}`,
  batchSize = OUTBOX_RULES.batchSize,
  leaseMs = OUTBOX_RULES.leaseMs,
  retryDelaysMs = OUTBOX_RULES.retryDelaysMs,
}: {
  outbox: SmsOutbox;
  sender: SmsSender;
  clock: Clock;
  logger?: OutboxLogger;
  /** Who holds claims; unique per sender. */
  claimer?: string;
  batchSize?: number;
  leaseMs?: number;
  retryDelaysMs?: readonly number[];
}) {
  let running: Promise<FlushReport> | undefined;

  async function deliver(entry: OutboxEntry, report: FlushReport): Promise<void> {
    const log = { outboxId: entry.id, key: entry.key, kind: entry.kind, to: maskPhone(entry.to), attempt: entry.attempts };
    let sid: string;
    try {
      // An earlier attempt may have reached the provider (its sender died, or its answer was lost):
      // look the message up before sending it again. A failed look-up fails the attempt.
      const earlier = entry.attempts > 1 && sender.findSent ? await sender.findSent({ to: entry.to, from: entry.from, body: entry.body, since: entry.createdAt }) : undefined;
      if (earlier) {
        if (await outbox.markSent(entry.id, claimer, { sid: earlier.sid, now: clock.now() })) {
          report.alreadySent++;
          logger?.warn({ ...log, sid: earlier.sid }, 'SMS already at the provider from an earlier attempt; marked sent without sending it again');
        } else report.lostClaims++;
        return;
      }
      ({ sid } = await sender.send({ key: entry.key, to: entry.to, from: entry.from, body: entry.body, kind: entry.kind }));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const now = clock.now();
      const retryAt = err instanceof SmsRejectedError ? undefined : nextAttemptAt(entry.attempts, now, retryDelaysMs);
      if (!(await outbox.markFailed(entry.id, claimer, { error, now, retryAt }))) {
        report.lostClaims++;
        logger?.error({ ...log, err }, 'SMS failed, but its claim had expired: another sender may retry it too (raise the lease above the SMS API timeout)');
        return;
      }
      if (retryAt === undefined) {
        report.failed++;
        logger?.error({ ...log, err }, 'SMS given up');
      } else {
        report.retrying++;
        logger?.warn({ ...log, err, retryAt: new Date(retryAt).toISOString() }, 'SMS failed, will retry');
      }
      return;
    }
    if (await outbox.markSent(entry.id, claimer, { sid, now: clock.now() })) {
      report.sent++;
      logger?.info({ ...log, sid }, 'SMS sent');
    } else {
      report.lostClaims++;
      logger?.error({ ...log, sid }, 'SMS sent after its claim expired: another sender may send it again (raise the lease above the SMS API timeout)');
    }
  }

  async function flushOnce(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, retrying: 0, failed: 0, lostClaims: 0, alreadySent: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_FLUSH; batch++) {
      const claimed = await outbox.claimDue({ now: clock.now(), limit: batchSize, leaseMs, claimer });
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((entry) => deliver(entry, report)));
    }
    return report;
  }

  return {
    claimer,
    /** Sends everything due now. A call while a flush is running joins that flush. */
    flush(): Promise<FlushReport> {
      running ??= flushOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;
