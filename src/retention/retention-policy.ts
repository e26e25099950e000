import { DateTime } from 'luxon';

/**
 * How long the server keeps what a call leaves behind: the call record (caller number, path,
 * turns) and the reference to its voicemail recording, 6 months as the seeds keep call records.
 * Calendar months in UTC, so 31 August is kept until 28 (or 29) February.
 */
export const RETENTION = { months: 6 } as const;

/** When something made at `at` may be purged. */
export function retainUntil(at: number): number {
  return DateTime.fromMillis(at, { zone: 'utc' }).plus(RETENTION).toMillis();
}

/**
 * The latest start a record past retention at `now` can have, with a week to spare for calendar
 * months and for recordings made up to a session lifetime (at most 7 days) after the call began.
 * Everything older is read and judged one by one against its own retention date.
 */
export function purgeCandidatesBefore(now: number): number {
  return DateTime.fromMillis(now, { zone: 'utc' }).minus(RETENTION).plus({ days: 8 }).toMillis();
}
