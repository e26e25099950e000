/** The front caller of a queue, as Twilio lists its members. */
export type QueueFront = { callSid: string; waitedSec: number; enqueuedAt: number };
/** A queue with callers waiting: its name (our queue id), how many wait, and who is first. */
export type WaitingQueue = { queue: string; size: number; front: QueueFront };

/** One caller waiting in a queue: its provider id (for taking them out), their place and wait. */
export type QueueMember = { queue: string; queueSid: string; callSid: string; position: number; waitedSec: number };

/** Who waits in the telephony provider's queues. Implementation: Twilio's REST API (twilio-queue-directory.ts). */
export interface QueueDirectory {
  /** The queues among `names` with at least one caller waiting. Throws when the provider cannot be read. */
  waiting(names: readonly string[]): Promise<WaitingQueue[]>;
  /** Every caller waiting in the queues among `names`. Throws when the provider cannot be read. */
  members(names: readonly string[]): Promise<QueueMember[]>;
  /**
   * Takes a caller out of their queue; their call runs the TwiML at `url` next. False when they are
   * no longer in it (answered, gone, or taken out by another server first).
   */
  dequeue(member: Pick<QueueMember, 'queueSid' | 'callSid'>, url: string): Promise<boolean>;
}
