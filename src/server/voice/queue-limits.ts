import type { QueueConfig } from '../../call-centre/queue.schema';
import { isOpen, type Hotline } from '../../hotlines';
import type { QueueLeaving } from '../../stores/calls/call-record';

/** What the queue's limits need of its configuration (flows/queues.yaml). */
export type QueueLimits = Pick<QueueConfig, 'id' | 'maxWaitSec' | 'maxSize' | 'overflow' | 'hours'>;

/** What Twilio posts to the wait URL about the caller's stay: QueuePosition, QueueTime (seconds waited). */
export type WaitStanding = { position?: number; waitedSec?: number };

/**
 * Whether the caller waits on or is taken out of the queue, and why (pure). Closing comes first (no
 * agent will come), then a place beyond `maxSize` (the queue is full: out at once, on the first
 * wait request), then a wait past `maxWaitSec`. An unknown queue (no configuration) only waits.
 */
export function queueVerdict(limits: QueueLimits | undefined, standing: WaitStanding, open: boolean): 'wait' | Exclude<QueueLeaving, 'callback'> {
  if (!open) return 'closed';
  if (!limits) return 'wait';
  if (standing.position !== undefined && standing.position > limits.maxSize) return 'full';
  if (standing.waitedSec !== undefined && standing.waitedSec >= limits.maxWaitSec) return 'max-wait';
  return 'wait';
}

/**
 * Whether agents take `queue` at `now` for a caller of `line`: its own hours if it has them, else
 * the line's, in the line's time zone; the line's date overrides (a closed holiday) close the
 * queue too. A caller who came in after hours was sent by the after-hours flow to a team that works
 * then (the 24 h general desk): for them only the queue's own hours count. Without a line (the
 * call record lost) there is no time zone to read hours in: the caller waits on, and the queue's
 * other limits still take them out.
 */
export function queueOpen(queue: Pick<QueueLimits, 'hours'> | undefined, line: Pick<Hotline, 'timezone' | 'hours' | 'overrides'> | undefined, now: number, afterHours = false): boolean {
  if (!line) return true;
  const hours = queue?.hours ?? (afterHours ? undefined : line.hours);
  if (!hours) return true;
  return isOpen({ timezone: line.timezone, hours, overrides: afterHours ? [] : line.overrides }, now);
}

/** Where a caller taken out of a queue (or refused by Twilio) goes next. */
export type OverflowStep = { kind: 'queue'; to: string } | { kind: 'offer'; offer: 'callback' | 'voicemail' };

/**
 * The queue's overflow for a caller who has already made `hops` overflow hops (pure). Another queue
 * is taken once: a caller who overflowed already, an overflow back into the same queue, an unknown
 * queue, or a queue that is closed too gets the call back offer instead, so nobody loops or is dropped.
 */
export function overflowStep(limits: QueueLimits | undefined, hops: number, usable: (queue: string) => boolean): OverflowStep {
  const overflow = limits?.overflow ?? { offer: 'callback' as const };
  if ('offer' in overflow) return { kind: 'offer', offer: overflow.offer };
  if (hops >= 1 || overflow.queue === limits?.id || !usable(overflow.queue)) return { kind: 'offer', offer: 'callback' };
  return { kind: 'queue', to: overflow.queue };
}
