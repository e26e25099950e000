import type { OtpState, OtpStore } from '../../services/identity/otp-store';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

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

/** The advisory lock key class of the identity check; the second key is the account's or caller's hash. */
const OTP_LOCK = 0x6f7470;

/**
 * The identity check's state in `otp_state` and `otp_lookups`, shared by every server: a lockout
 * outlives the call, the process and the server that counted the wrong codes. Kept in PostgreSQL
 * rather than Redis because a lockout must survive a cache restart or eviction.
 */
export function pgOtpStore(pool: PgPool): OtpStore {
  const read = async (q: Queryable, accountId: string) => {
    const { rows } = await q.query<OtpRow>('SELECT * FROM otp_state WHERE account_id = $1', [accountId]);
    return rows[0] && toState(rows[0]);
  };
  const write = (q: Queryable, s: OtpState) =>
    q.query(
      `INSERT INTO otp_state (account_id, code_hash, salt, expires_at, failures, locked_until) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (account_id) DO UPDATE SET code_hash = excluded.code_hash, salt = excluded.salt, expires_at = excluded.expires_at,
         failures = excluded.failures, locked_until = excluded.locked_until`,
      [s.accountId, s.codeHash ?? null, s.salt ?? null, s.expiresAt ?? null, s.failures, s.lockedUntil ?? null],
    );
  return {
    get: (accountId) => read(pool, accountId),
    put: async (s) => void (await write(pool, s)),
    // A transaction-scoped advisory lock per account serialises changes even before the account
    // has a row (which SELECT … FOR UPDATE could not lock): two wrong codes at once both count.
    change: (accountId, decide) =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [OTP_LOCK, `account:${accountId}`]);
        const { next, result } = decide(await read(client, accountId));
        if (next) await write(client, next);
        return result;
      }),
    noteLookup: (caller, accountId, now, since) =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [OTP_LOCK, `caller:${caller}`]);
        await client.query('INSERT INTO otp_lookups (caller, account_id, at) VALUES ($1, $2, $3) ON CONFLICT (caller, account_id) DO UPDATE SET at = excluded.at', [caller, accountId, now]);
        await client.query('DELETE FROM otp_lookups WHERE caller = $1 AND at < $2', [caller, since]);
        const { rows } = await client.query<{ n: number }>('SELECT count(*) AS n FROM otp_lookups WHERE caller = $1 AND at >= $2', [caller, since]);
        return rows[0].n;
      }),
  };
}
