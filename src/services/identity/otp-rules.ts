/** The identity check's rules: a 6-digit code, valid 5 minutes; the send throttle; the lockouts. */
export const OTP_RULES = {
  digits: 6,
  ttlMs: 5 * 60_000,
  /** Wrong codes in a row from one caller for one account before that pair is locked for `lockMs`. */
  maxWrong: 3,
  lockMs: 15 * 60_000,
  /**
   * Wrong codes against one live code, from anybody, before the code is thrown away: callers
   * rotating spoofed caller IDs get this many guesses per code, not 3 per caller ID.
   */
  maxWrongPerCode: 5,
  /** A new code to the same account or number no sooner than this after the last one... */
  resendAfterMs: 60_000,
  /** ...and at most this many per account and per number in `sendWindowMs`. */
  maxCodesPerWindow: 5,
  sendWindowMs: 60 * 60_000,
  /** Distinct accounts (or unknown numbers and ids) one caller may try within `lookupWindowMs`. */
  maxAccountsPerCaller: 3,
  lookupWindowMs: 15 * 60_000,
  /** Effect answers kept per account for duplicate deliveries (a turn's retries come within seconds). */
  doneKept: 16,
} as const;
