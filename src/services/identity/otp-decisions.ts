import { OTP_RULES } from './otp-rules';
import type { OtpChange, OtpState } from './otp-store';

export type IssueResult =
  /** A new code is to be sent (`fresh`), or the one sent moments ago is still live: ask for that one. */
  | { status: 'sent'; expiresAt: number; fresh: boolean }
  | { status: 'locked'; lockedUntil: number }
  /** Too many codes to this account or number this hour: the caller is offered a person. */
  | { status: 'throttled' }
  /** The code was withdrawn because its SMS did not go out (a repeat of the key hears this again). */
  | { status: 'refused' | 'failed' };
export type VerifyResult = { status: 'ok' | 'wrong' | 'expired' | 'locked' | 'none'; remaining?: number };

/** The rows one code request or check reads and writes, as the OTP service keys them. */
export type OtpRows = { account: OtpState | undefined; destination: OtpState | undefined; pair: OtpState | undefined };
export type OtpIds = { account: string; destination: string; pair: string };

const recent = (sentAt: number[] | undefined, now: number) => (sentAt ?? []).filter((t) => t > now - OTP_RULES.sendWindowMs);

/** The answer given earlier to this effect key, if any: a duplicate delivery gets it again. */
export function answered<T>(account: OtpState | undefined, key: string): T | undefined {
  return account?.done?.find((d) => d.key === key)?.result as T | undefined;
}

function remember(s: OtpState, key: string, result: Record<string, unknown>): OtpState {
  return { ...s, done: [...(s.done ?? []).filter((d) => d.key !== key), { key, result }].slice(-OTP_RULES.doneKept) };
}

const locked = (pair: OtpState | undefined, now: number) => (pair?.lockedUntil !== undefined && pair.lockedUntil > now ? pair.lockedUntil : undefined);

/**
 * A code request under effect key `key`. Pure: the store applies it atomically over the three rows.
 * - the same key again: the first answer, nothing new (a duplicate delivery sends nothing);
 * - the (caller, account) pair locked: locked;
 * - a live code sent to this account less than a minute ago: ask for THAT code (no new SMS);
 * - a code to this account or number less than a minute ago, or 5 this hour: throttled;
 * - otherwise a new code replaces the live one, and its wrong guesses start at 0.
 */
export function decideIssue(rows: OtpRows, ids: OtpIds, code: { key: string; codeHash: string; now: number }): OtpChange<IssueResult> {
  const { key, codeHash, now } = code;
  const before = answered<IssueResult>(rows.account, key);
  // The first delivery sends the code; a repeat only hears that it was sent.
  if (before) return { result: before.status === 'sent' ? { ...before, fresh: false } : before };
  const account: OtpState = rows.account ?? { id: ids.account, failures: 0 };
  const answer = (result: IssueResult, next: OtpState[] = []): OtpChange<IssueResult> => ({
    next: [remember(next.find((s) => s.id === ids.account) ?? account, key, result), ...next.filter((s) => s.id !== ids.account)],
    result,
  });
  const lockedUntil = locked(rows.pair, now);
  if (lockedUntil !== undefined) return answer({ status: 'locked', lockedUntil });
  const accountSent = recent(account.sentAt, now);
  const destinationSent = recent(rows.destination?.sentAt, now);
  const last = Math.max(0, ...accountSent);
  if (account.codeHash && account.expiresAt !== undefined && account.expiresAt > now && last > now - OTP_RULES.resendAfterMs) {
    return answer({ status: 'sent', expiresAt: account.expiresAt, fresh: false });
  }
  const lastToNumber = Math.max(0, ...destinationSent);
  if (lastToNumber > now - OTP_RULES.resendAfterMs || accountSent.length >= OTP_RULES.maxCodesPerWindow || destinationSent.length >= OTP_RULES.maxCodesPerWindow) {
    return answer({ status: 'throttled' });
  }
  const expiresAt = now + OTP_RULES.ttlMs;
  return answer({ status: 'sent', expiresAt, fresh: true }, [
    { ...account, codeHash, expiresAt, codeKey: key, failures: 0, sentAt: [...accountSent, now] },
    { ...(rows.destination ?? { id: ids.destination, failures: 0 }), sentAt: [...destinationSent, now] },
  ]);
}

/**
 * The code issued under `key` never reached the caller (the SMS was refused or failed): it is
 * withdrawn, so a request within the minute does not ask for it; it still counts for the throttle.
 */
export function decideWithdraw(account: OtpState | undefined, key: string, result: Record<string, unknown>): OtpChange<void> {
  if (!account || account.codeKey !== key) return { result: undefined };
  const { codeHash: _h, expiresAt: _e, codeKey: _k, ...rest } = account;
  return { next: [remember({ ...rest, failures: 0 }, key, result)], result: undefined };
}

/**
 * A code check under effect key `key`: right (the code is used up), expired (cleared), wrong
 * (counted once per key: for the pair, the third in a row locks that caller out of that account
 * for 15 minutes; for the live code, the fifth from anybody throws it away). `matches` compares
 * the keyed code with the stored hash in constant time.
 */
export function decideVerify(rows: OtpRows, ids: OtpIds, key: string, matches: (codeHash: string) => boolean, now: number): OtpChange<VerifyResult> {
  const before = answered<VerifyResult>(rows.account, key);
  if (before) return { result: before };
  const account: OtpState = rows.account ?? { id: ids.account, failures: 0 };
  const pair: OtpState = rows.pair ?? { id: ids.pair, failures: 0 };
  const answer = (result: VerifyResult, a: OtpState = account, p?: OtpState): OtpChange<VerifyResult> => ({
    next: [remember(a, key, result), ...(p ? [p] : [])],
    result,
  });
  if (locked(rows.pair, now) !== undefined) return answer({ status: 'locked' });
  const { codeHash, expiresAt } = account;
  const { codeHash: _h, expiresAt: _e, codeKey: _k, ...withoutCode } = account;
  if (!codeHash || expiresAt === undefined) return answer({ status: 'none' });
  if (expiresAt <= now) return answer({ status: 'expired' }, { ...withoutCode, failures: 0 });
  if (matches(codeHash)) return answer({ status: 'ok' }, { ...withoutCode, failures: 0 }, { id: ids.pair, failures: 0 });
  // A pair whose lock ran out starts its count afresh.
  const inARow = (pair.lockedUntil !== undefined ? 0 : pair.failures) + 1;
  const againstCode = account.failures + 1;
  const burnt = againstCode >= OTP_RULES.maxWrongPerCode;
  const nextAccount = burnt ? { ...withoutCode, failures: 0 } : { ...account, failures: againstCode };
  if (inARow >= OTP_RULES.maxWrong) return answer({ status: 'locked' }, nextAccount, { id: ids.pair, failures: inARow, lockedUntil: now + OTP_RULES.lockMs });
  const nextPair: OtpState = { id: ids.pair, failures: inARow };
  if (burnt) return answer({ status: 'expired' }, nextAccount, nextPair);
  return answer({ status: 'wrong', remaining: OTP_RULES.maxWrong - inARow }, nextAccount, nextPair);
}
