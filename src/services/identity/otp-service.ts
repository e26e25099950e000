import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { decideIssue, decideVerify, type VerifyResult } from './otp-decisions';
import { OTP_RULES } from './otp-rules';
import type { OtpStore } from './otp-store';

export type { VerifyResult } from './otp-decisions';
export type SendResult = { status: 'sent'; code: string; expiresAt: number } | { status: 'locked'; lockedUntil: number };

function hash(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

/**
 * One-time codes by SMS. The code itself leaves this service only towards the SMS sender: it is
 * stored as a salted hash and never logged. Each request or check is one atomic change of the
 * account's state in the store, so two webhooks at once cannot both count from the same state.
 */
export function createOtpService(deps: { store: OtpStore; now: () => number; newCode?: () => string }) {
  const newCode = deps.newCode ?? (() => String(randomInt(0, 10 ** OTP_RULES.digits)).padStart(OTP_RULES.digits, '0'));
  return {
    async issue(accountId: string): Promise<SendResult> {
      const now = deps.now();
      const code = newCode();
      const salt = randomBytes(16).toString('hex');
      const issued = await deps.store.change(accountId, (state) => decideIssue(state, { accountId, codeHash: hash(code, salt), salt, now }));
      return issued.status === 'sent' ? { status: 'sent', code, expiresAt: issued.expiresAt } : issued;
    },
    async verify(accountId: string, code: string): Promise<VerifyResult> {
      const now = deps.now();
      const matches = (s: { codeHash: string; salt: string }) => timingSafeEqual(Buffer.from(hash(code, s.salt), 'hex'), Buffer.from(s.codeHash, 'hex'));
      return deps.store.change(accountId, (state) => decideVerify(state, matches, now));
    },
    /** A caller trying many accounts is refused for a while, like too many wrong codes. */
    async allowLookup(caller: string, accountId: string): Promise<boolean> {
      const now = deps.now();
      const distinct = await deps.store.noteLookup(caller, accountId, now, now - OTP_RULES.lookupWindowMs);
      return distinct <= OTP_RULES.maxAccountsPerCaller;
    },
  };
}
export type OtpService = ReturnType<typeof createOtpService>;
