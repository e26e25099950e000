import { DateTime } from 'luxon';

/**
 * How long the server keeps what a call leaves behind: the call record (caller number, path,
 * turns) and its voicemail recording (at Twilio and the reference to it), 6 months as the seeds
 * keep call records. Calendar months in UTC, so 31 August is kept until 28 (or 29) February.
 */
export const RETENTION = { months: 6 } as const;

/**
 * What the caller services keep past their use, and for how long after it was made:
 * - `outboxBodies`: an SMS's text, number and error, 30 days after it was queued, once sent or
 *   given up on (the row, its key and status stay, so a key is still never sent twice);
 * - `surveyTexts`: a survey's comment text and the caller's number, 90 days after the survey
 *   (replies come within days; the rating and that there was a comment stay for reports);
 * - `otpLookups`: which accounts a caller keyed, 1 day after (the limit looks back 15 minutes);
 * - `otpStates`: an account's or number's code state (send history, wrong-code streaks, the
 *   answers kept for duplicate deliveries), 1 day after it was last written, once no code is live
 *   and no lock runs (the longest throttle looks back an hour);
 * - `smsReplies`: which MessageSids were already answered, 8 days after (a reply counts within 7).
 */
export const SERVICE_RETENTION = {
  outboxBodies: { days: 30 },
  surveyTexts: { days: 90 },
  otpLookups: { days: 1 },
  otpStates: { days: 1 },
  smsReplies: { days: 8 },
} as const;
export type ServiceRetentionKind = keyof typeof SERVICE_RETENTION;
export const SERVICE_RETENTION_KINDS = Object.keys(SERVICE_RETENTION) as ServiceRetentionKind[];

/** When something made at `at` may be purged. */
export function retainUntil(at: number): number {
  return DateTime.fromMillis(at, { zone: 'utc' }).plus(RETENTION).toMillis();
}

/** What of `kind` made before this time is past its use at `now`. */
export function serviceCutoff(kind: ServiceRetentionKind, now: number): number {
  return now - SERVICE_RETENTION[kind].days * 86_400_000;
}

/**
 * The latest start a record past retention at `now` can have, with a week to spare for calendar
 * months and for recordings made up to a session lifetime (at most 7 days) after the call began.
 * Everything older is read and judged one by one against its own retention date.
 */
export function purgeCandidatesBefore(now: number): number {
  return DateTime.fromMillis(now, { zone: 'utc' }).minus(RETENTION).plus({ days: 8 }).toMillis();
}
