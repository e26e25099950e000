import { createHash } from 'node:crypto';

/** Shares are decided in hundredths of a percent (3 % is 300 of 10,000). */
const BUCKETS = 10_000;

/**
 * Whether a call is in the quality-review sample of `percent` % (0–100). Decided from the call
 * SID alone (SHA-256, first 4 bytes, into 10,000 buckets), so every server, and every retry of
 * a recording callback, decides the same for the same call, with no shared state and no clock.
 */
export function inQaSample(callSid: string, percent: number): boolean {
  const bucket = createHash('sha256').update(callSid).digest().readUInt32BE(0) % BUCKETS;
  return bucket < Math.round(percent * (BUCKETS / 100));
}
