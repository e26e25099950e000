import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { OTP_RULES } from './otp-rules';
import type { OtpStore } from './otp-store';

export type SendResult = { status: 'sent'; code: string; expiresAt: number } | { status: 'locked'; lockedUntil: number };
export type VerifyResult = { status: 'ok' | 'wrong' | 'expired' | 'locked' | 'none'; remaining?: number };

function hash(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

/**
 * One-time codes by SMS. The code itself leaves this service only towards the SMS sender: it is
 * stored as a salted hash and never logged.
 */
export function createOtpService(deps: { store: OtpStore; now: () => number; newCode?: () => string }) {
  const newCode = deps.newCode ?? (() => String(randomInt(0, 10 ** OTP_RULES.digits)).padStart(OTP_RULES.digits, '0'));
  return {
    async issue(accountId: string): Promise<SendResult> {
      const now = deps.now();
      const state = (await deps.store.get(accountId)) ?? { accountId, failures: 0 };
      if (state.lockedUntil && state.lockedUntil > now) return { status: 'locked', lockedUntil: state.lockedUntil };
      const code = newCode();
      const salt = randomBytes(16).toString('hex');
      const failures = state.lockedUntil && state.lockedUntil <= now ? 0 : state.failures;
      await deps.store.put({ accountId, codeHash: hash(code, salt), salt, expiresAt: now + OTP_RULES.ttlMs, failures, lockedUntil: undefined });
      return { status: 'sent', code, expiresAt: now + OTP_RULES.ttlMs };
    },
    async verify(accountId: string, code: string): Promise<VerifyResult> {
      const now = deps.now();
      const state = await deps.store.get(accountId);
      if (!state) return { status: 'none' };
      if (state.lockedUntil && state.lockedUntil > now) return { status: 'locked' };
      if (!state.codeHash || !state.salt || state.expiresAt === undefined) return { status: 'none' };
      if (state.expiresAt <= now) {
        await deps.store.put({ ...state, codeHash: undefined, salt: undefined, expiresAt: undefined });
        return { status: 'expired' };
      }
      const given = Buffer.from(hash(code, state.salt), 'hex');
      if (timingSafeEqual(given, Buffer.from(state.codeHash, 'hex'))) {
        await deps.store.put({ accountId, failures: 0 });
        return { status: 'ok' };
      }
      const failures = state.failures + 1;
      if (failures >= OTP_RULES.maxWrong) {
        await deps.store.put({ accountId, failures, lockedUntil: now + OTP_RULES.lockMs });
        return { status: 'locked' };
      }
      await deps.store.put({ ...state, failures });
      return { status: 'wrong', remaining: OTP_RULES.maxWrong - failures };
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
