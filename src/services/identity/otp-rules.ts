/** The identity check's rules, from the brief: a 6-digit code, valid 5 minutes, 3 wrong codes lock for 15. */
export const OTP_RULES = {
  digits: 6,
  ttlMs: 5 * 60_000,
  maxWrong: 3,
  lockMs: 15 * 60_000,
  /** Distinct accounts one caller may try to verify within `lookupWindowMs` before being refused. */
  maxAccountsPerCaller: 3,
  lookupWindowMs: 15 * 60_000,
} as const;
