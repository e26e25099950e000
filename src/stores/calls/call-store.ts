import type { CallRecord } from './call-record';

/** `offset`: skip that many of the newest first (the admin API's pages). */
export type CallQuery = { from?: number; to?: number; hotline?: string; limit: number; offset?: number };

/** Call records. Implementations: memory (tests) and SQLite (default). */
export interface CallStore {
  /** Records a new call; a retried first request leaves the existing record alone. */
  open(record: CallRecord): Promise<void>;
  /** Applies `change` atomically to the record of `callSid`; undefined when there is none. */
  update(callSid: string, change: (record: CallRecord) => CallRecord): Promise<CallRecord | undefined>;
  get(callSid: string): Promise<CallRecord | undefined>;
  /** Calls started in [from, to), newest first. */
  list(query: CallQuery): Promise<CallRecord[]>;
  /** Throws when the store cannot be reached (readiness probe). */
  ping(): Promise<void>;
}
