/** The front caller of a queue, as Twilio lists its members. */
export type QueueFront = { callSid: string; waitedSec: number; enqueuedAt: number };
/** A queue with callers waiting: its name (our queue id), how many wait, and who is first. */
export type WaitingQueue = { queue: string; size: number; front: QueueFront };

/** Who waits in the telephony provider's queues. Implementation: Twilio's REST API (twilio-queue-directory.ts). */
export interface QueueDirectory {
  /** The queues among `names` with at least one caller waiting. Throws when the provider cannot be read. */
  waiting(names: readonly string[]): Promise<WaitingQueue[]>;
}
