/**
 * One row of the identity check's state. Rows are keyed by `id`, which the OTP service builds:
 * an account (its live code, the codes sent to it, the effects already answered), a destination
 * number (the codes sent to it; the number itself only as an HMAC), or a (caller, account) pair
 * (its wrong codes and lock). Persisted, so neither a restart nor a new call resets a lockout.
 */
export type OtpState = {
  id: string;
  /** HMAC-SHA-256 of the live code under the server secret; the code itself is never stored. */
  codeHash?: string;
  expiresAt?: number;
  /** The effect key that issued the live code. */
  codeKey?: string;
  /** Wrong codes: against the live code (account rows), in a row (pair rows). */
  failures: number;
  lockedUntil?: number;
  /** When codes were sent (the last hour's, for the send throttle). */
  sentAt?: number[];
  /**
   * The answers already given, by effect key (the most recent few): a second delivery of the same
   * turn gets the first one's answer instead of sending or counting again.
   */
  done?: Array<{ key: string; result: Record<string, unknown> }>;
  /** When the row was last written (the OTP service stamps it); idle rows can be forgotten. */
  updatedAt?: number;
};

/** What one atomic change decides: the rows to write (any of those read) and the answer. */
export type OtpChange<T> = { next?: OtpState[]; result: T };

export interface OtpStore {
  get(id: string): Promise<OtpState | undefined>;
  put(state: OtpState): Promise<void>;
  /**
   * Reads the rows `ids`, lets `decide` (pure, synchronous) say the rows to write and the answer,
   * and writes them, all as one atomic step: no other change of any of these rows runs in between,
   * in this process or another sharing the store. `decide` gets the states in the order of `ids`.
   */
  change<T>(ids: readonly string[], decide: (states: Array<OtpState | undefined>) => OtpChange<T>): Promise<T>;
  /**
   * Records that `caller` asked about `accountId` at `now`; returns the distinct accounts asked
   * about since `since`. Lookups older than `since` may be forgotten.
   */
  noteLookup(caller: string, accountId: string, now: number, since: number): Promise<number>;
  /**
   * Deletes the rows last written before `before` that hold nothing live at `before` (no code
   * still valid, no lock still running); returns how many. What is forgotten: the send history
   * and wrong-code streaks older than that, and the answers kept for duplicate deliveries.
   */
  forgetIdle(before: number): Promise<number>;
}

/** Whether `forgetIdle(before)` may drop this row. */
export const idleBefore = (s: OtpState, before: number): boolean =>
  (s.updatedAt ?? 0) < before && (s.lockedUntil ?? 0) < before && (s.expiresAt ?? 0) < before;

const copy = (s: OtpState): OtpState => structuredClone(s);

export function memoryOtpStore(): OtpStore {
  const states = new Map<string, OtpState>();
  const lookups = new Map<string, Map<string, number>>();
  return {
    get: async (id) => {
      const s = states.get(id);
      return s && copy(s);
    },
    put: async (s) => void states.set(s.id, copy(s)),
    // No await between the read and the write: nothing else runs in between.
    change: async (ids, decide) => {
      const { next, result } = decide(ids.map((id) => states.get(id)).map((s) => s && copy(s)));
      for (const s of next ?? []) states.set(s.id, copy(s));
      return result;
    },
    forgetIdle: async (before) => {
      let n = 0;
      for (const [id, s] of states) if (idleBefore(s, before) && states.delete(id)) n++;
      return n;
    },
    noteLookup: async (caller, accountId, now, since) => {
      const seen = lookups.get(caller) ?? new Map<string, number>();
      seen.set(accountId, now);
      for (const [id, at] of seen) if (at < since) seen.delete(id);
      lookups.set(caller, seen);
      return seen.size;
    },
  };
}
