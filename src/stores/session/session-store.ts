import type { Session } from './session';

/**
 * Where calls in progress live between webhooks, keyed by CallSid. Implementations: memory (tests,
 * a single dev process) and SQLite (default; survives restarts). Redis is a later issue.
 */
export interface SessionStore {
  /** The session of a call, unless it never existed or expired at `now`. */
  get(callSid: string, now: number): Promise<Session | undefined>;
  /** Stores a new call; false when a live session of that CallSid exists (a retried first request). */
  insert(session: Session): Promise<boolean>;
  /**
   * Compare-and-set: stores `session` only if the stored version is `session.version - 1`.
   * False means another request saved first; re-read and answer from what it stored.
   */
  save(session: Session): Promise<boolean>;
  delete(callSid: string): Promise<void>;
  /** Drops sessions of abandoned calls; returns how many. */
  deleteExpired(now: number): Promise<number>;
  /** Throws when the store cannot be reached (readiness probe). */
  ping(): Promise<void>;
}
