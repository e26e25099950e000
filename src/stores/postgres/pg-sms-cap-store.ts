import { bucketsToRecord, firstFull, type CapCount, type CapTake, type SmsCapStore } from '../../services/sms/sms-cap-store';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

/** The advisory lock class of the SMS caps; the second key is the bucket's hash. */
const SMS_CAP_LOCK = 0x736d73;
/** The deployment-wide bucket (see `capCountsFor`): counted without a lock, below. */
const GLOBAL = 'global';

/**
 * SMS caps in `sms_sends`, shared by every server. A transaction-scoped advisory lock per
 * destination bucket makes a number's check and count one step: two servers cannot both take a
 * number's last slot, and a duplicate delivery of the same SMS (same key, same number) waits for
 * the first and is admitted `again`.
 *
 * The global ceiling is counted without a lock. One lock for every SMS, held until the caller's
 * transaction commits (closing a call takes its survey's count inside that transaction), made all
 * call closings on all servers wait for each other: p99 of 2.5 s under load. So servers admitting
 * SMS at the same instant may each see the ceiling's last slot free and overshoot it by the SMS in
 * flight at that instant (a handful): it is a circuit breaker against a flood, while the
 * per-number caps, which SMS pumping meets first, stay exact.
 */
export function pgSmsCapStore(pool: PgPool): SmsCapStore & { takeOn(client: Queryable, counts: readonly CapCount[], now: number, key: string): Promise<CapTake> } {
  const takeOn = async (client: Queryable, counts: readonly CapCount[], now: number, key: string): Promise<CapTake> => {
    const locked = [...new Set(counts.map((c) => c.bucket).filter((b) => b !== GLOBAL))].sort();
    // In one order on every server, so two takes of overlapping buckets cannot deadlock.
    for (const bucket of locked) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SMS_CAP_LOCK, bucket]);
    // Forget what no window can count any more: this number's rows under its lock; the global
    // ones by whoever finds them free, never waiting for another server's delete.
    await client.query('DELETE FROM sms_sends WHERE bucket = ANY($1) AND expires_at <= $2', [locked, now]);
    await client.query(
      `DELETE FROM sms_sends WHERE ctid IN (SELECT ctid FROM sms_sends WHERE bucket = $1 AND expires_at <= $2 LIMIT 200 FOR UPDATE SKIP LOCKED)`,
      [GLOBAL, now],
    );
    const since = Math.min(...counts.map((c) => now - c.windowMs));
    const again = await client.query('SELECT 1 FROM sms_sends WHERE sms_key = $1 AND at > $2 LIMIT 1', [key, since]);
    if (again.rows.length > 0) return { taken: true, again: true };
    // Each window's count in the database: only the numbers come back.
    const { rows } = await client.query<{ i: string; n: string }>(
      `SELECT c.i, (SELECT count(*) FROM sms_sends s WHERE s.bucket = c.bucket AND s.at > c.after) AS n
         FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS c(bucket, after, i)`,
      [counts.map((c) => c.bucket), counts.map((c) => now - c.windowMs)],
    );
    const sent = new Map(rows.map((r) => [`${counts[Number(r.i) - 1].bucket}@${now - counts[Number(r.i) - 1].windowMs}`, Number(r.n)]));
    const full = firstFull(counts, now, (bucket, after) => sent.get(`${bucket}@${after}`) ?? 0);
    if (full) return { taken: false, refusedBy: full };
    for (const [bucket, windowMs] of bucketsToRecord(counts)) {
      await client.query('INSERT INTO sms_sends (bucket, at, sms_key, expires_at) VALUES ($1, $2, $3, $4)', [bucket, now, key, now + windowMs]);
    }
    return { taken: true };
  };
  return {
    takeOn,
    take: (counts, now, key) => inTransaction(pool, (client) => takeOn(client, counts, now, key)),
  };
}
