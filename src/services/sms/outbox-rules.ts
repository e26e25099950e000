/**
 * How the SMS outbox retries: a failed send is tried again after 30 s, 2 min, then 10 min; after
 * the fourth failure the message is given up as `failed` with its last error.
 */
export const OUTBOX_RULES = {
  retryDelaysMs: [30_000, 2 * 60_000, 10 * 60_000],
  /** How long a claim holds a message. Longer than the SMS API's timeout, so a slow send is not claimed twice. */
  leaseMs: 60_000,
  batchSize: 10,
} as const;

/** When to try again after the `attempts`-th attempt failed, or undefined to give up. */
export function nextAttemptAt(attempts: number, now: number, delays: readonly number[] = OUTBOX_RULES.retryDelaysMs): number | undefined {
  const delay = delays[attempts - 1];
  return delay === undefined ? undefined : now + delay;
}
