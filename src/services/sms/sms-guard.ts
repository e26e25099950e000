import { createHash } from 'node:crypto';
import { maskPhone } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import { LruCache } from '../../platform/lru-cache';
import { GLOBAL_BUCKET, type CapCount, type CapTake, type SmsCapStore } from './sms-cap-store';
import { capGroupOf, judgeDestination, type DestinationVerdict, type SmsPolicy } from './sms-policy';
import { SmsRefusedError, type SmsMessage, type SmsSender } from './sms-sender';

const HOUR = 3_600_000;

/**
 * A number's cap bucket is a hash of it, so the counting table does not list numbers at a glance.
 * Not secrecy (phone numbers are few enough to hash them all): the rows also expire with their window.
 */
function numberBucket(to: string): string {
  return createHash('sha256').update(to).digest('hex').slice(0, 24);
}

/** What one SMS counts against (pure): its number's cap group windows, then the global ceiling. */
export function capCountsFor(message: Pick<SmsMessage, 'to' | 'kind'>, policy: SmsPolicy): CapCount[] {
  const group = capGroupOf(message.kind);
  const bucket = `${numberBucket(message.to)}:${group}`;
  return [
    ...policy.caps[group].map((w) => ({ bucket, limit: w.limit, windowMs: w.windowMs })),
    ...(policy.globalPerHour > 0 ? [{ bucket: GLOBAL_BUCKET, limit: policy.globalPerHour, windowMs: HOUR }] : []),
  ];
}

/** The refusal of a full count, worded for the log (masked number) and the flow. */
export function capRefusal(message: Pick<SmsMessage, 'to' | 'kind'>, full: CapCount): SmsRefusedError {
  const per = full.windowMs % (24 * HOUR) === 0 ? `${full.windowMs / (24 * HOUR)} day(s)` : `${Math.round(full.windowMs / 60_000)} min`;
  if (full.bucket === GLOBAL_BUCKET) return new SmsRefusedError('global_cap', `the deployment sent its ${full.limit} SMS per hour (SMS_GLOBAL_PER_HOUR)`);
  return new SmsRefusedError('destination_cap', `${maskPhone(message.to)} had its ${full.limit} ${capGroupOf(message.kind)} SMS per ${per}`);
}

/** Destination verdicts kept (the least recently used dropped first): a day's distinct callers of a busy line. */
const KEPT_VERDICTS = 10_000;

/** Where refusals go: a masked log line and the ivr_sms_refused_total counter. */
export type RefusalSink = (message: SmsMessage, refusal: SmsRefusedError) => void;

/**
 * The SMS guard: every SMS the engine would send (effects, ticket desk, survey, one-time codes) is
 * judged by the destination policy and counted against its caps before anything is queued or sent.
 */
export function createSmsGuard(deps: { policy: SmsPolicy; caps: SmsCapStore; clock: Clock; onRefused?: RefusalSink }) {
  const refuse = (message: SmsMessage, refusal: SmsRefusedError): SmsRefusedError => {
    deps.onRefused?.(message, refusal);
    return refusal;
  };
  // Judging a number reads libphonenumber's full metadata (tens of µs); a caller's number is
  // judged again for each SMS of the call and its survey, and the verdict never changes under one policy.
  const verdicts = new LruCache<string, DestinationVerdict>(KEPT_VERDICTS);
  const destination = (message: SmsMessage): SmsRefusedError | undefined => {
    const verdict = verdicts.getOrAdd(message.to, () => judgeDestination(message.to, deps.policy));
    return verdict.ok ? undefined : refuse(message, new SmsRefusedError(verdict.reason, `no SMS to ${maskPhone(message.to)}: ${verdict.detail}`));
  };
  const counted = (message: SmsMessage, took: CapTake): SmsRefusedError | undefined => (took.taken ? undefined : refuse(message, capRefusal(message, took.refusedBy)));
  type Take<T> = (counts: readonly CapCount[], key: string) => T;

  /** The destination verdict, then the caps counted with `take` (on the caller's transaction, if any). */
  async function decideAsync(message: SmsMessage, take: Take<Promise<CapTake>>): Promise<SmsRefusedError | undefined> {
    return destination(message) ?? counted(message, await take(capCountsFor(message, deps.policy), message.key));
  }
  return {
    policy: deps.policy,
    /** Judges and counts `message` in the cap store; throws SmsRefusedError (already reported) when it must not go. */
    async admit(message: SmsMessage): Promise<void> {
      const refusal = await decideAsync(message, (counts, key) => deps.caps.take(counts, deps.clock.now(), key));
      if (refusal) throw refusal;
    },
    /**
     * The same decision inside a caller's synchronous transaction (SQLite: closing a call queues
     * its survey there), counting with `take`. Returns the refusal (already reported) instead of throwing.
     */
    decide(message: SmsMessage, take: Take<CapTake>): SmsRefusedError | undefined {
      return destination(message) ?? counted(message, take(capCountsFor(message, deps.policy), message.key));
    },
    /** The same inside an asynchronous transaction (PostgreSQL), counting with `take` on its client. */
    decideAsync,
  };
}
export type SmsGuard = ReturnType<typeof createSmsGuard>;

/**
 * An SmsSender that sends only what the guard admits; a refusal throws SmsRefusedError, and nothing
 * is queued. Looking up what was already sent (`findSent`) sends nothing, so it passes through.
 */
export function guardedSmsSender(sender: SmsSender, guard: Pick<SmsGuard, 'admit'>): SmsSender {
  return {
    ...(sender.findSent ? { findSent: sender.findSent.bind(sender) } : {}),
    async send(message, opts) {
      await guard.admit(message);
      return sender.send(message, opts);
    },
  };
}
