import { createHash } from 'node:crypto';
import { maskPhone } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import type { CapCount, CapTake, SmsCapStore } from './sms-cap-store';
import { capGroupOf, judgeDestination, type SmsPolicy } from './sms-policy';
import { SmsRefusedError, type SmsMessage, type SmsSender } from './sms-sender';

const HOUR = 3_600_000;

/** The cap buckets of a number never hold the number itself: the rows outlive no window, but need not say who. */
function numberBucket(to: string): string {
  return createHash('sha256').update(to).digest('hex').slice(0, 24);
}

/** What one SMS counts against (pure): its number's cap group windows, then the global ceiling. */
export function capCountsFor(message: Pick<SmsMessage, 'to' | 'kind'>, policy: SmsPolicy): CapCount[] {
  const group = capGroupOf(message.kind);
  const bucket = `${numberBucket(message.to)}:${group}`;
  return [
    ...policy.caps[group].map((w) => ({ bucket, limit: w.limit, windowMs: w.windowMs })),
    ...(policy.globalPerHour > 0 ? [{ bucket: 'global', limit: policy.globalPerHour, windowMs: HOUR }] : []),
  ];
}

/** The refusal of a full count, worded for the log (masked number) and the flow. */
export function capRefusal(message: Pick<SmsMessage, 'to' | 'kind'>, full: CapCount): SmsRefusedError {
  const per = full.windowMs % (24 * HOUR) === 0 ? `${full.windowMs / (24 * HOUR)} day(s)` : `${Math.round(full.windowMs / 60_000)} min`;
  if (full.bucket === 'global') return new SmsRefusedError('global_cap', `the deployment sent its ${full.limit} SMS per hour (SMS_GLOBAL_PER_HOUR)`);
  return new SmsRefusedError('destination_cap', `${maskPhone(message.to)} had its ${full.limit} ${capGroupOf(message.kind)} SMS per ${per}`);
}

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
  /** The refusal (already reported), or undefined when the SMS may go and was counted. */
  const decide = (message: SmsMessage, take: (counts: readonly CapCount[], key: string) => CapTake): SmsRefusedError | undefined => {
    const verdict = judgeDestination(message.to, deps.policy);
    if (!verdict.ok) return refuse(message, new SmsRefusedError(verdict.reason, `no SMS to ${maskPhone(message.to)}: ${verdict.detail}`));
    const took = take(capCountsFor(message, deps.policy), message.key);
    return took.taken ? undefined : refuse(message, capRefusal(message, took.refusedBy));
  };
  return {
    policy: deps.policy,
    /** Judges and counts `message`; throws SmsRefusedError when it must not go. */
    async admit(message: SmsMessage): Promise<void> {
      const verdict = judgeDestination(message.to, deps.policy);
      if (!verdict.ok) throw refuse(message, new SmsRefusedError(verdict.reason, `no SMS to ${maskPhone(message.to)}: ${verdict.detail}`));
      const took = await deps.caps.take(capCountsFor(message, deps.policy), deps.clock.now(), message.key);
      if (!took.taken) throw refuse(message, capRefusal(message, took.refusedBy));
    },
    /**
     * The same decision inside a caller's transaction (closing a call queues its survey there),
     * counting with `take` on that transaction. Returns the refusal instead of throwing.
     */
    decide,
    /** For async transactions (PostgreSQL): the destination verdict first, then `take` on the caller's client. */
    async decideAsync(message: SmsMessage, take: (counts: readonly CapCount[], key: string) => Promise<CapTake>): Promise<SmsRefusedError | undefined> {
      const verdict = judgeDestination(message.to, deps.policy);
      if (!verdict.ok) return refuse(message, new SmsRefusedError(verdict.reason, `no SMS to ${maskPhone(message.to)}: ${verdict.detail}`));
      const took = await take(capCountsFor(message, deps.policy), message.key);
      return took.taken ? undefined : refuse(message, capRefusal(message, took.refusedBy));
    },
  };
}
export type SmsGuard = ReturnType<typeof createSmsGuard>;

/** An SmsSender that sends only what the guard admits; a refusal throws SmsRefusedError, and nothing is queued. */
export function guardedSmsSender(sender: SmsSender, guard: Pick<SmsGuard, 'admit'>): SmsSender {
  return {
    async send(message) {
      await guard.admit(message);
      return sender.send(message);
    },
  };
}
