/** One outbound call to place: Twilio asks `url` for its TwiML once answered and posts results to `statusCallback`. */
export type OutboundCall = { to: string; from: string; url: string; statusCallback: string; ringSec: number };

/** The provider refused this call for good (a bad number, a caller ID not allowed): it counts as a failed attempt. */
export class CallRejectedError extends Error {
  readonly code = 'CALL_REJECTED';
  constructor(message: string, readonly providerCode?: number) {
    super(message);
    this.name = 'CallRejectedError';
  }
}

/**
 * Places outbound calls. Implementations: Twilio's Calls API (twilio-call-placer.ts) and, without
 * a Twilio account, a log line (log-only-call-placer.ts).
 */
export interface CallPlacer {
  /** Places the call; answers the provider's call id (`CA…`). Throws CallRejectedError, or anything else for a failure worth retrying. */
  place(call: OutboundCall): Promise<{ sid: string }>;
  /**
   * A call from `from` to `to` created at or after `since` and not in `known` (the job's earlier
   * attempts), if the provider has one: the call an earlier dialler placed and died before
   * recording. Without this method, diallers place again.
   */
  /** The call's CallStatus and AnsweredBy now, as the provider has them (a result whose status callback never came). */
  statusOf?(sid: string): Promise<{ status: string; answeredBy?: string }>;
  findPlaced?(query: { to: string; from: string; since: number; known: readonly string[] }): Promise<{ sid: string } | undefined>;
}
