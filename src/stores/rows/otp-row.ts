import type { OtpState } from '../../services/identity/otp-store';

/**
 * An `otp_state` row as both SQL stores keep it. `sent_at` and `done` are JSON: text in SQLite
 * (decoded by the caller before `toOtpState`), JSONB in PostgreSQL. `salt` is left from the
 * salted-SHA-256 days and no longer written.
 */
export type OtpRow = {
  account_id: string;
  code_hash: string | null;
  expires_at: number | null;
  code_key: string | null;
  failures: number;
  locked_until: number | null;
  sent_at: number[] | null;
  done: NonNullable<OtpState['done']> | null;
  updated_at: number | null;
};

export function toOtpState(r: OtpRow): OtpState {
  return {
    id: r.account_id,
    ...(r.code_hash !== null ? { codeHash: r.code_hash } : {}),
    ...(r.expires_at !== null ? { expiresAt: Number(r.expires_at) } : {}),
    ...(r.code_key !== null ? { codeKey: r.code_key } : {}),
    failures: r.failures,
    ...(r.locked_until !== null ? { lockedUntil: Number(r.locked_until) } : {}),
    ...(r.sent_at !== null && r.sent_at.length > 0 ? { sentAt: r.sent_at.map(Number) } : {}),
    ...(r.done !== null && r.done.length > 0 ? { done: r.done } : {}),
    ...(r.updated_at !== null ? { updatedAt: Number(r.updated_at) } : {}),
  };
}

/** The values to write, in the order of OTP_COLUMNS; JSON columns as text for both dialects. */
export function otpRowValues(s: OtpState): Array<string | number | null> {
  return [
    s.id,
    s.codeHash ?? null,
    s.expiresAt ?? null,
    s.codeKey ?? null,
    s.failures,
    s.lockedUntil ?? null,
    s.sentAt?.length ? JSON.stringify(s.sentAt) : null,
    s.done?.length ? JSON.stringify(s.done) : null,
    s.updatedAt ?? null,
  ];
}
export const OTP_COLUMNS = ['account_id', 'code_hash', 'expires_at', 'code_key', 'failures', 'locked_until', 'sent_at', 'done', 'updated_at'] as const;
export const OTP_SELECT = `SELECT ${OTP_COLUMNS.join(', ')} FROM otp_state`;
/** The rows `forgetIdle(before)` deletes (see `idleBefore`), `before` as the only parameter. */
export const OTP_IDLE = 'COALESCE(updated_at, 0) < $1 AND COALESCE(locked_until, 0) < $1 AND COALESCE(expires_at, 0) < $1';
