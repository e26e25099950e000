import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { decideIssue, decideVerify, decideWithdraw, type IssueResult, type OtpIds, type VerifyResult } from './otp-decisions';
import { OTP_RULES } from './otp-rules';
import type { OtpChange, OtpState, OtpStore } from './otp-store';

/** Every row a decision writes carries the time it was written (for `forgetIdle`). */
const stamped =
  <T>(now: number, decide: (states: Array<OtpState | undefined>) => OtpChange<T>) =>
  (states: Array<OtpState | undefined>): OtpChange<T> => {
    const { next, result } = decide(states);
    return { result, ...(next ? { next: next.map((s) => ({ ...s, updatedAt: now })) } : {}) };
  };

export type { IssueResult, VerifyResult } from './otp-decisions';
export type SendResult = { status: 'sent'; code?: string; expiresAt: number } | { status: 'locked'; lockedUntil: number } | { status: 'throttled' } | { status: 'refused' | 'failed' };

/**
 * The stored form of a code: HMAC-SHA-256 under the server secret, over the account and the code.
 * Without the secret a stolen row does not tell the code (10^6 guesses need the key); the account
 * in the message ties a hash to its row.
 */
export function otpCodeHash(secret: Buffer, accountId: string, code: string): string {
  return createHmac('sha256', secret).update(`otp:${accountId}:${code}`).digest('hex');
}

/** A phone number (a caller, a destination) as the OTP rows name it: keyed, never in clear. */
function numberTag(secret: Buffer, what: string, phone: string): string {
  return createHmac('sha256', secret).update(`${what}:${phone}`).digest('hex').slice(0, 32);
}

/** Who asks, for which account, and the effect key that makes a repeat of the same turn a no-op. */
export type OtpRequest = { accountId: string; key: string; caller: string; destination: string };

/**
 * One-time codes by SMS. The code itself leaves this service only towards the SMS sender: it is
 * stored as an HMAC under the server secret and never logged. Each request or check is one atomic
 * change of the account's rows in the store, which also records the answer under the effect key:
 * any number of deliveries of one turn, on any number of servers, issue one code and count one
 * attempt.
 */
export function createOtpService(deps: { store: OtpStore; now: () => number; secret: Buffer; newCode?: () => string }) {
  const newCode = deps.newCode ?? (() => String(randomInt(0, 10 ** OTP_RULES.digits)).padStart(OTP_RULES.digits, '0'));
  const { secret } = deps;
  const ids = (r: Pick<OtpRequest, 'accountId' | 'caller'> & { destination?: string }): OtpIds => ({
    account: r.accountId,
    destination: `to:${numberTag(secret, 'to', r.destination ?? '')}`,
    pair: `by:${numberTag(secret, 'by', r.caller)}:${r.accountId}`,
  });
  return {
    /**
     * A code for the account. `code` is there only when a NEW code must be sent now; a duplicate
     * delivery of the same turn, or a request within a minute of a live code, gets `sent` without
     * one (the caller is asked for the code already sent).
     */
    async issue(r: OtpRequest): Promise<SendResult> {
      const now = deps.now();
      const code = newCode();
      const rowIds = ids(r);
      const issued: IssueResult = await deps.store.change(
        [rowIds.account, rowIds.destination, rowIds.pair],
        stamped(now, ([account, destination, pair]) => decideIssue({ account, destination, pair }, rowIds, { key: r.key, codeHash: otpCodeHash(secret, r.accountId, code), now })),
      );
      if (issued.status !== 'sent') return issued;
      // `fresh` is true for exactly one delivery of this key: the one whose change committed first.
      return issued.fresh ? { status: 'sent', code, expiresAt: issued.expiresAt } : { status: 'sent', expiresAt: issued.expiresAt };
    },
    /** The code issued under `key` did not go out: drop it, and answer repeats of the key with `result`. */
    async withdraw(r: Pick<OtpRequest, 'accountId' | 'key'>, result: { status: 'refused' | 'failed' }): Promise<void> {
      await deps.store.change([r.accountId], stamped(deps.now(), ([account]) => decideWithdraw(account, r.key, result)));
    },
    async verify(r: Omit<OtpRequest, 'destination'>, code: string): Promise<VerifyResult> {
      const now = deps.now();
      const rowIds = ids(r);
      const keyed = Buffer.from(otpCodeHash(secret, r.accountId, code), 'hex');
      const matches = (stored: string) => {
        const want = Buffer.from(stored, 'hex');
        return want.length === keyed.length && timingSafeEqual(keyed, want);
      };
      return deps.store.change(
        [rowIds.account, rowIds.pair],
        stamped(now, ([account, pair]) => decideVerify({ account, destination: undefined, pair }, rowIds, r.key, matches, now)),
      );
    },
    /**
     * A caller trying many accounts is refused for a while, like too many wrong codes. `what` is
     * the account found, or what was keyed when nothing was found (kept only as an HMAC): a
     * "not found" counts too, or it would be an unlimited oracle of which numbers have accounts.
     */
    async allowLookup(caller: string, what: { accountId: string } | { unknown: string }): Promise<boolean> {
      const now = deps.now();
      const asked = 'accountId' in what ? what.accountId : `?${numberTag(secret, 'lookup', what.unknown)}`;
      const distinct = await deps.store.noteLookup(caller, asked, now, now - OTP_RULES.lookupWindowMs);
      return distinct <= OTP_RULES.maxAccountsPerCaller;
    },
  };
}
export type OtpService = ReturnType<typeof createOtpService>;
