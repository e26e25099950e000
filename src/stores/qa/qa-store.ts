import type { QaEntry, QaReview } from '../../quality/qa-review';

/** `reviewed`: only reviewed (true) or unreviewed (false) calls; absent, both. */
export type QaQuery = { reviewed?: boolean; limit: number; offset?: number };

/**
 * Calls marked for quality review, beside the call records (same database). Implementations:
 * memory, SQLite and PostgreSQL.
 */
export interface QaStore {
  /** Marks a call; a call already marked keeps its first mark (retried callbacks, two servers). */
  mark(entry: Omit<QaEntry, 'review'>): Promise<void>;
  get(callSid: string): Promise<QaEntry | undefined>;
  /** Newest mark first. */
  list(query: QaQuery): Promise<QaEntry[]>;
  /** Records (or replaces) the review of a marked call; undefined when the call is not marked. */
  review(callSid: string, review: QaReview): Promise<QaEntry | undefined>;
  /** Forgets these calls' marks and reviews (their records are purged); answers how many there were. */
  forgetCalls(callSids: readonly string[]): Promise<number>;
}
