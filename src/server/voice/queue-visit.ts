import type { CallRecord, QueueLeaving, QueueVisit } from '../../stores/calls/call-record';

/**
 * How a caller's stay in a queue is kept on the call record (pure). Every change is idempotent, so
 * a webhook Twilio retries, or two servers answering the same request, write the same record.
 */

/**
 * The engine is taking the caller out of `queue` (the answer is <Leave/>): why, for the queue's
 * action to read. The first reason stands against a retry or a racing request, except a call back
 * the caller asked for (its ticket is already booked, so that is what they must hear).
 */
export function markLeaving(record: CallRecord, queue: string, leaving: QueueLeaving): CallRecord {
  const visit: QueueVisit = record.queue?.id === queue ? record.queue : { id: queue };
  if (visit.result !== undefined || (visit.leaving !== undefined && leaving !== 'callback')) return record;
  return { ...record, queue: { ...visit, leaving } };
}

/** Why the caller is out of `queue`, or undefined when the engine did not take them out. */
export function leavingOf(record: CallRecord | undefined, queue: string): QueueLeaving | undefined {
  return record?.queue?.id === queue ? record.queue.leaving : undefined;
}

/**
 * What the call record says of a stay that ended with Twilio's `queueResult`: Twilio's own result,
 * or, when the engine took the caller out (<Leave/> after a reason was written), ours.
 */
export function queueResultOf(queueResult: string, leaving: QueueLeaving | undefined): string {
  if (queueResult !== 'leave' || leaving === undefined || leaving === 'callback') return queueResult;
  return leaving === 'full' ? 'overflow' : leaving;
}

/** The stay in `queue` ended: its result and Twilio's QueueTime. `first` is false for a repeat (a retried action). */
export function endVisit(record: CallRecord, queue: string, result: string, waitedSec: number): { record: CallRecord; first: boolean } {
  const visit: QueueVisit = record.queue?.id === queue ? record.queue : { id: queue };
  if (visit.result !== undefined) return { record, first: false };
  return { record: { ...record, queue: { ...visit, result, waitedSec } }, first: true };
}

/** The caller overflows from the queue they were in into `to` (one hop): a new stay that remembers the first. */
export function overflowVisit(record: CallRecord, from: string, to: string): CallRecord {
  const current = record.queue;
  if (!current || current.id !== from) return record;
  return { ...record, queue: { id: to, overflowedFrom: { id: from, result: current.result ?? 'overflow', waitedSec: current.waitedSec ?? 0 } } };
}
