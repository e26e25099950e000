import { OTP_RULES } from './otp-rules';
import type { OtpState } from './otp-store';

/** What a code request or a code check does to an account's state: the new state (if any) and the answer. */
export type OtpDecision<T> = { next?: OtpState; result: T };

export type IssueResult = { status: 'sent'; expiresAt: number } | { status: 'locked'; lockedUntil: number };
export type VerifyResult = { status: 'ok' | 'wrong' | 'expired' | 'locked' | 'none'; remaining?: number };

/**
 * A new code (already hashed with its salt) replaces any live one, unless the account is locked.
 * A lock that has run out starts the failures afresh. Pure: the store applies it atomically.
 */
export function decideIssue(state: OtpState | undefined, code: { accountId: string; codeHash: string; salt: string; now: number }): OtpDecision<IssueResult> {
  const { accountId, codeHash, salt, now } = code;
  if (state?.lockedUntil && state.lockedUntil > now) return { result: { status: 'locked', lockedUntil: state.lockedUntil } };
  const failures = !state || (state.lockedUntil && state.lockedUntil <= now) ? 0 : state.failures;
  const expiresAt = now + OTP_RULES.ttlMs;
  return { next: { accountId, codeHash, salt, expiresAt, failures }, result: { status: 'sent', expiresAt } };
}

/**
 * Checks a keyed code against the live one: right (the code is used up), expired (cleared),
 * wrong (counted; the third wrong code in a row locks the account for 15 minutes). `matches`
 * compares the keyed code with the stored salted hash.
 */
export function decideVerify(state: OtpState | undefined, matches: (state: OtpState & { codeHash: string; salt: string }) => boolean, now: number): OtpDecision<VerifyResult> {
  if (!state) return { result: { status: 'none' } };
  if (state.lockedUntil && state.lockedUntil > now) return { result: { status: 'locked' } };
  const { codeHash, salt, expiresAt } = state;
  if (!codeHash || !salt || expiresAt === undefined) return { result: { status: 'none' } };
  if (expiresAt <= now) return { next: { accountId: state.accountId, failures: state.failures }, result: { status: 'expired' } };
  if (matches({ ...state, codeHash, salt })) return { next: { accountId: state.accountId, failures: 0 }, result: { status: 'ok' } };
  const failures = state.failures + 1;
  if (failures >= OTP_RULES.maxWrong) return { next: { accountId: state.accountId, failures, lockedUntil: now + OTP_RULES.lockMs }, result: { status: 'locked' } };
  return { next: { ...state, failures }, result: { status: 'wrong', remaining: OTP_RULES.maxWrong - failures } };
}
