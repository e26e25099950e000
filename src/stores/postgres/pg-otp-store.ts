import type { OtpState, OtpStore } from '../../services/identity/otp-store';
import { OTP_COLUMNS, OTP_IDLE, OTP_SELECT, otpRowValues, toOtpState, type OtpRow } from '../rows/otp-row';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

/** The advisory lock key class of the identity check; the second key is the row's or caller's hash. */
const OTP_LOCK = 0x6f7470;

const UPSERT = `INSERT INTO otp_state (${OTP_COLUMNS.join(', ')}) VALUES (${OTP_COLUMNS.map((c, i) => `$${i + 1}${c === 'sent_at' || c === 'done' ? '::jsonb' : ''}`).join(', ')})
  ON CONFLICT (account_id) DO UPDATE SET ${OTP_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * The identity check's state in `otp_state` and `otp_lookups`, shared by every server: a lockout
 * outlives the call, the process and the server that counted the wrong codes. Kept in PostgreSQL
 * rather than Redis because a lockout must survive a cache restart or eviction.
 */
export function pgOtpStore(pool: PgPool): OtpStore {
  const read = async (q: Queryable, id: string) => {
    const { rows } = await q.query<OtpRow>(`${OTP_SELECT} WHERE account_id = $1`, [id]);
    return rows[0] && toOtpState(rows[0]);
  };
  const write = (q: Queryable, s: OtpState) => q.query(UPSERT, otpRowValues(s));
  return {
    get: (id) => read(pool, id),
    put: async (s) => void (await write(pool, s)),
    // Transaction-scoped advisory locks per row serialise changes even before a row exists (which
    // SELECT … FOR UPDATE could not lock): two wrong codes at once both count, and a duplicate
    // delivery waits for the first one's commit and then finds its answer. Taken in sorted order,
    // so two changes over overlapping rows cannot deadlock.
    change: (ids, decide) =>
      inTransaction(pool, async (client) => {
        for (const id of [...new Set(ids)].sort()) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [OTP_LOCK, `account:${id}`]);
        const states: Array<OtpState | undefined> = [];
        for (const id of ids) states.push(await read(client, id));
        const { next, result } = decide(states);
        for (const s of next ?? []) await write(client, s);
        return result;
      }),
    forgetIdle: async (before) => (await pool.query(`DELETE FROM otp_state WHERE ${OTP_IDLE}`, [before])).rowCount ?? 0,
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
