import type { OtpState, OtpStore } from '../../services/identity/otp-store';
import type { SqliteDatabase } from './open-sqlite';

type OtpRow = { account_id: string; code_hash: string | null; salt: string | null; expires_at: number | null; failures: number; locked_until: number | null };

function toState(r: OtpRow): OtpState {
  return {
    accountId: r.account_id,
    ...(r.code_hash !== null ? { codeHash: r.code_hash } : {}),
    ...(r.salt !== null ? { salt: r.salt } : {}),
    ...(r.expires_at !== null ? { expiresAt: r.expires_at } : {}),
    failures: r.failures,
    ...(r.locked_until !== null ? { lockedUntil: r.locked_until } : {}),
  };
}

/** The identity check's state in `otp_state` and `otp_lookups`: a lockout outlives the call and the process. */
export function sqliteOtpStore(db: SqliteDatabase): OtpStore {
  const get = db.prepare<[string], OtpRow>('SELECT * FROM otp_state WHERE account_id = ?');
  const put = db.prepare(`
    INSERT INTO otp_state (account_id, code_hash, salt, expires_at, failures, locked_until)
    VALUES (@accountId, @codeHash, @salt, @expiresAt, @failures, @lockedUntil)
    ON CONFLICT (account_id) DO UPDATE SET
      code_hash = excluded.code_hash, salt = excluded.salt, expires_at = excluded.expires_at,
      failures = excluded.failures, locked_until = excluded.locked_until`);
  const note = db.prepare(`
    INSERT INTO otp_lookups (caller, account_id, at) VALUES (@caller, @accountId, @now)
    ON CONFLICT (caller, account_id) DO UPDATE SET at = excluded.at`);
  const forget = db.prepare('DELETE FROM otp_lookups WHERE caller = @caller AND at < @since');
  const count = db.prepare<{ caller: string; since: number }, number>('SELECT count(*) FROM otp_lookups WHERE caller = @caller AND at >= @since').pluck();
  const write = (s: OtpState) =>
    put.run({
      accountId: s.accountId,
      codeHash: s.codeHash ?? null,
      salt: s.salt ?? null,
      expiresAt: s.expiresAt ?? null,
      failures: s.failures,
      lockedUntil: s.lockedUntil ?? null,
    });
  const change = db.transaction((accountId: string, decide: (state: OtpState | undefined) => { next?: OtpState; result: unknown }) => {
    const row = get.get(accountId);
    const { next, result } = decide(row && toState(row));
    if (next) write(next);
    return result;
  });
  const noteLookup = db.transaction((caller: string, accountId: string, now: number, since: number): number => {
    note.run({ caller, accountId, now });
    forget.run({ caller, since });
    return count.get({ caller, since }) ?? 0;
  });
  return {
    get: async (accountId) => {
      const row = get.get(accountId);
      return row && toState(row);
    },
    put: async (s) => void write(s),
    // IMMEDIATE: the write lock is taken before the read, so another process cannot read the
    // same state in between (two wrong codes at once both count).
    change: async <T>(accountId: string, decide: (state: OtpState | undefined) => { next?: OtpState; result: T }) => change.immediate(accountId, decide) as T,
    noteLookup: async (caller, accountId, now, since) => noteLookup.immediate(caller, accountId, now, since),
  };
}
