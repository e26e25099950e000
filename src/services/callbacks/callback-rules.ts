import type { CallbackJob, CallbackOutcome } from './callback-job';

export const DIALLER_RULES = {
  /** How long a claim holds a job: longer than the Twilio API's timeout, so a slow create is not claimed twice. */
  leaseMs: 60_000,
  batchSize: 10,
  /** After calls.create failed without an answer (network, 5xx, 429): try again this soon. Not counted as an attempt. */
  errorRetryMs: 30_000,
  /**
   * A placed call whose result has not come this long after its ringing ended is asked of Twilio
   * (the status callback was lost: our server down, a proxy error). A call still in progress (the
   * customer talking to an agent) is asked again later.
   */
  resultOverdueMs: 15 * 60_000,
} as const;

/** The placed job's result is overdue: its status callback should have come long ago. */
export const resultOverdue = (job: CallbackJob, now: number) =>
  job.status === 'placed' && job.placedAt !== undefined && now > job.placedAt + job.policy.ringSec * 1000 + DIALLER_RULES.resultOverdueMs;

/**
 * Twilio's final CallStatus and AnsweredBy (with machineDetection) as a callback outcome, or
 * undefined for a status that is not final (initiated, ringing, in-progress).
 * AnsweredBy machine_start / machine_end_* / fax: a voicemail or a fax took the call, not the customer.
 */
export function outcomeOf(callStatus: string, answeredBy: string | undefined): CallbackOutcome | undefined {
  switch (callStatus) {
    case 'completed':
      return answeredBy && (answeredBy.startsWith('machine') || answeredBy === 'fax') ? 'voicemail' : 'answered';
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no-answer';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return undefined;
  }
}

/** A call answered by a machine (the answer URL is asked with AnsweredBy when machineDetection is on). */
export const answeredByMachine = (answeredBy: string | undefined) => !!answeredBy && (answeredBy.startsWith('machine') || answeredBy === 'fax');

/** The job once Twilio took the call of the attempt this dialler holds; undefined if it no longer holds it. */
export function placed(job: CallbackJob, claimer: string, callSid: string, now: number): CallbackJob | undefined {
  if (job.status !== 'pending' || job.claimedBy !== claimer) return undefined;
  const { claimedBy: _c, dialStartedAt: _d, lastError: _e, ...rest } = job;
  return { ...rest, status: 'placed', callSid, attempts: job.attempts + 1, firstPlacedAt: job.firstPlacedAt ?? now, placedAt: now, claimedUntil: 0 };
}

/** The ticket was resolved before this dialler placed the call: nobody is called. */
export function cancelled(job: CallbackJob, claimer: string): CallbackJob | undefined {
  if (job.status !== 'pending' || job.claimedBy !== claimer) return undefined;
  const { claimedBy: _c, dialStartedAt: _d, ...rest } = job;
  return { ...rest, status: 'cancelled', claimedUntil: 0 };
}

/**
 * The agents of the job's queue are not working now: due again at `until`, no attempt used. The
 * attempt mark of this claim goes (no call was asked for); one an earlier dialler left stays, so
 * the look-up for its call still runs first.
 */
export function deferred(job: CallbackJob, claimer: string, until: number, claimedAt: number): CallbackJob | undefined {
  if (job.status !== 'pending' || job.claimedBy !== claimer) return undefined;
  const { claimedBy: _c, dialStartedAt, ...rest } = job;
  return { ...rest, ...(dialStartedAt !== undefined && dialStartedAt < claimedAt ? { dialStartedAt } : {}), nextAttemptAt: until, claimedUntil: 0 };
}

/**
 * When `open` first holds after `now` (on 5-minute steps, within 8 days), or undefined when it
 * holds now or never does in that time (then the call is placed rather than waiting forever).
 */
export function nextOpening(open: (at: number) => boolean, now: number): number | undefined {
  if (open(now)) return undefined;
  const step = 5 * 60_000;
  for (let at = Math.ceil((now + 1) / step) * step; at <= now + 8 * 24 * 3_600_000; at += step) if (open(at)) return at;
  return undefined;
}

/** calls.create failed without placing a call we know of: due again at `retryAt` (the dial stays marked, so it is looked up first). */
export function dialFailed(job: CallbackJob, claimer: string, error: string, retryAt: number): CallbackJob | undefined {
  if (job.status !== 'pending' || job.claimedBy !== claimer) return undefined;
  const { claimedBy: _c, ...rest } = job;
  return { ...rest, nextAttemptAt: retryAt, claimedUntil: 0, lastError: error };
}

/**
 * The job after attempt `attempt` (call `callSid`) came to `outcome`: answered; or due again after
 * `retryMinutes`; or exhausted after `maxAttempts`. Undefined when there is nothing to record: the
 * result is already recorded (Twilio posted it again) or belongs to another attempt.
 * A result may arrive before the dialler recorded the call as placed (a call failing at once):
 * it counts as that attempt's, and the dialler's late `placed` then finds nothing to do.
 */
export function withResult(job: CallbackJob, result: { attempt: number; callSid: string; outcome: CallbackOutcome; now: number }): CallbackJob | undefined {
  if (job.results.some((r) => r.attempt === result.attempt || r.callSid === result.callSid)) return undefined;
  const inFlight = job.status === 'pending' && job.dialStartedAt !== undefined && result.attempt === job.attempts + 1;
  const awaited = job.status === 'placed' && result.attempt === job.attempts && job.callSid === result.callSid;
  if (!inFlight && !awaited) return undefined;
  const attempts = inFlight ? job.attempts + 1 : job.attempts;
  const { claimedBy: _c, dialStartedAt: _d, lastError: _e, ...rest } = job;
  const base = {
    ...rest,
    attempts,
    callSid: result.callSid,
    firstPlacedAt: job.firstPlacedAt ?? result.now,
    claimedUntil: 0,
    results: [...job.results, { attempt: result.attempt, callSid: result.callSid, outcome: result.outcome, at: result.now }],
  };
  if (result.outcome === 'answered') return { ...base, status: 'answered' };
  if (attempts >= job.policy.maxAttempts) return { ...base, status: 'exhausted' };
  return { ...base, status: 'pending', nextAttemptAt: result.now + job.policy.retryMinutes * 60_000 };
}

/** The first call of the job was placed within its promise. */
export const placedWithinPromise = (job: Pick<CallbackJob, 'firstPlacedAt' | 'promisedBy'>) => job.firstPlacedAt !== undefined && job.firstPlacedAt <= job.promisedBy;
