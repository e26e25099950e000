import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { maskPhone } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import type { WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { CallRejectedError, type CallPlacer } from './call-placer';
import type { CallbackJob } from './callback-job';
import type { CallbackCounters, CallbackResults } from './callback-results';
import { DIALLER_RULES, cancelled, deferred, dialFailed, outcomeOf, placed, resultOverdue } from './callback-rules';
import type { CallbackStore } from './callback-store';
import { CallsNotPlacedError } from './log-only-call-placer';

/** `alreadyPlaced`: an earlier dialler's call found at Twilio and recorded without placing it again. */
/** `recovered`: results whose status callback never came, asked of Twilio. */
/** `deferred`: due call backs whose queue's agents are not working now, moved to when they are. */
export type DialReport = { placed: number; alreadyPlaced: number; rejected: number; retrying: number; lostClaims: number; recovered: number; cancelled: number; deferred: number };

const MAX_BATCHES_PER_FLUSH = 50;

/**
 * Places the calls back that are due: `flush()` claims due jobs (a lease keeps each with one
 * dialler, however many servers run), places each call with `placer`, and records its CallSid.
 * A job found with an attempt already started (its dialler died, maybe after Twilio took the call)
 * is looked up at Twilio first and recorded, not placed again. Owns no timer: the server flushes
 * on an interval, tests after moving the simulated clock.
 */
export function createCallbackDialler({
  store,
  placer,
  results,
  urls,
  clock,
  logger,
  counters,
  ticketOpen,
  closedUntil,
  claimer = `dialler-${randomUUID()}`,
  leaseMs = DIALLER_RULES.leaseMs,
  batchSize = DIALLER_RULES.batchSize,
}: {
  store: CallbackStore;
  placer: CallPlacer;
  results: CallbackResults;
  urls: Pick<WebhookUrls, 'callbackAnswer' | 'callbackStatus'>;
  clock: Clock;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  counters?: Pick<CallbackCounters, 'placed'>;
  /** Whether the ticket still wants its call (not resolved); default: always. */
  ticketOpen?: (ticketId: string) => Promise<boolean>;
  /**
   * When the agents of the job's queue work again, or undefined when they work now: a call back
   * nobody could take waits for them (an emergency's queue works around the clock). Default: always open.
   */
  closedUntil?: (job: CallbackJob, now: number) => number | undefined;
  claimer?: string;
  leaseMs?: number;
  batchSize?: number;
}) {
  let running: Promise<DialReport> | undefined;

  async function record(job: CallbackJob, sid: string, report: DialReport, key: 'placed' | 'alreadyPlaced'): Promise<void> {
    const log = { ticketId: job.ticketId, to: maskPhone(job.to), attempt: job.attempts + 1, callSid: sid };
    const done = await store.change(job.ticketId, (j) => placed(j, claimer, sid, clock.now()));
    if (done?.changed) {
      report[key]++;
      counters?.placed(done.job, job.attempts === 0);
      logger?.info(log, key === 'placed' ? 'call back placed' : 'call back found at Twilio from an earlier dialler; recorded without placing it again');
    } else if (done && done.job.results.some((r) => r.callSid === sid)) {
      // Its result came first (a call failing at once): already recorded by the status callback.
      report[key]++;
      counters?.placed(done.job, job.attempts === 0);
    } else {
      report.lostClaims++;
      logger?.error(log, 'call back placed after its claim expired: raise the lease above the Twilio API timeout');
    }
  }

  async function dial(job: CallbackJob, claimedAt: number, report: DialReport): Promise<void> {
    const attempt = job.attempts + 1;
    const log = { ticketId: job.ticketId, to: maskPhone(job.to), attempt };
    try {
      if (ticketOpen && !(await ticketOpen(job.ticketId))) {
        if ((await store.change(job.ticketId, (j) => cancelled(j, claimer)))?.changed) report.cancelled++;
        logger?.info(log, 'call back not placed: its ticket was resolved');
        return;
      }
      // Started before this claim: the dialler that started it may have placed the call and died.
      if (job.dialStartedAt !== undefined && job.dialStartedAt < claimedAt && placer.findPlaced) {
        const earlier = await placer.findPlaced({ to: job.to, from: job.from, since: job.dialStartedAt, known: job.results.map((r) => r.callSid) });
        if (earlier) return await record(job, earlier.sid, report, 'alreadyPlaced');
      }
      const reopens = closedUntil?.(job, clock.now());
      if (reopens !== undefined) {
        if ((await store.change(job.ticketId, (j) => deferred(j, claimer, reopens, claimedAt)))?.changed) report.deferred++;
        logger?.info({ ...log, queue: job.queue, until: new Date(reopens).toISOString() }, 'call back waits for its queue to open');
        return;
      }
      const { sid } = await placer.place({
        to: job.to,
        from: job.from,
        url: urls.callbackAnswer(job.ticketId, attempt),
        statusCallback: urls.callbackStatus(job.ticketId, attempt),
        ringSec: job.policy.ringSec,
      });
      await record(job, sid, report, 'placed');
    } catch (err) {
      if (err instanceof CallRejectedError) {
        // Twilio refused this number for good: the attempt counts as failed (retried, or given up).
        report.rejected++;
        logger?.warn({ ...log, err }, 'call back refused by Twilio');
        await results.record({ ticketId: job.ticketId, attempt, callSid: `rejected-${attempt}`, outcome: 'failed' });
        return;
      }
      // Not placed as far as we know: due again later; the look-up above runs first.
      const notPlaced = err instanceof CallsNotPlacedError;
      const retryAt = clock.now() + (notPlaced ? job.policy.retryMinutes * 60_000 : DIALLER_RULES.errorRetryMs);
      const failed = await store.change(job.ticketId, (j) => dialFailed(j, claimer, err instanceof Error ? err.message : String(err), retryAt));
      if (!failed?.changed) report.lostClaims++;
      else report.retrying++;
      if (!notPlaced) logger?.warn({ ...log, err, retryAt: new Date(retryAt).toISOString() }, 'call back not placed, will retry');
    }
  }

  /** Asks Twilio the result of placed calls whose status callback is long overdue, and records it as the callback would have. */
  async function recoverOverdue(report: DialReport): Promise<void> {
    const { statusOf } = placer;
    if (!statusOf) return;
    const now = clock.now();
    for (const job of await store.list({ status: 'placed' })) {
      const { callSid } = job;
      if (!callSid || !resultOverdue(job, now)) continue;
      try {
        const { status, answeredBy } = await statusOf(callSid);
        const outcome = outcomeOf(status, answeredBy);
        if (!outcome) continue;
        if ((await results.record({ ticketId: job.ticketId, attempt: job.attempts, callSid, outcome }))?.status !== 'placed') report.recovered++;
        logger?.warn({ ticketId: job.ticketId, callSid, outcome }, 'call back result recovered from Twilio: its status callback never came');
      } catch (err) {
        logger?.warn({ ticketId: job.ticketId, callSid, err }, 'could not ask Twilio for an overdue call back result; asking again at the next run');
      }
    }
  }

  async function flushOnce(): Promise<DialReport> {
    const report: DialReport = { placed: 0, alreadyPlaced: 0, rejected: 0, retrying: 0, lostClaims: 0, recovered: 0, cancelled: 0, deferred: 0 };
    await recoverOverdue(report);
    for (let batch = 0; batch < MAX_BATCHES_PER_FLUSH; batch++) {
      const now = clock.now();
      const claimed = await store.claimDue({ now, limit: batchSize, leaseMs, claimer });
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((job) => dial(job, now, report)));
    }
    return report;
  }

  return {
    claimer,
    /** Places every call back due now. A call while a flush runs joins it. */
    flush(): Promise<DialReport> {
      running ??= flushOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
export type CallbackDialler = ReturnType<typeof createCallbackDialler>;
