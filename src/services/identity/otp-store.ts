/**
 * What the identity check keeps per account: only a salted hash of the live code, the failures,
 * and the lock. Persisted, so neither a restart nor a new call resets a lockout.
 */
export type OtpState = {
  accountId: string;
  codeHash?: string;
  salt?: string;
  expiresAt?: number;
  failures: number;
  lockedUntil?: number;
};

export interface OtpStore {
  get(accountId: string): Promise<OtpState | undefined>;
  put(state: OtpState): Promise<void>;
  /**
   * Reads the account's state, lets `decide` (pure, synchronous) say the next state and the answer,
   * and stores that state, all as one atomic step: no other change of the account runs in between,
   * in this process or another sharing the store.
   */
  change<T>(accountId: string, decide: (state: OtpState | undefined) => { next?: OtpState; result: T }): Promise<T>;
  /**
   * Records that `caller` asked about `accountId` at `now`; returns the distinct accounts asked
   * about since `since`. Lookups older than `since` may be forgotten.
   */
  noteLookup(caller: string, accountId: string, now: number, since: number): Promise<number>;
}

export function memoryOtpStore(): OtpStore {
  const states = new Map<string, OtpState>();
  const lookups = new Map<string, Map<string, number>>();
  return {
    get: async (id) => {
      const s = states.get(id);
      return s && { ...s };
    },
    put: async (s) => void states.set(s.accountId, { ...s }),
    // No await between the read and the write: nothing else runs in between.
    change: async (id, decide) => {
      const current = states.get(id);
      const { next, result } = decide(current && { ...current });
      if (next) states.set(id, { ...next });
      return result;
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
