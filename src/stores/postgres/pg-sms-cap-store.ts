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
    // One round trip: forget what no window can count any more (this number's rows under its lock;
    // the global ones by whoever finds them free, never waiting for another server's delete), then
    // whether this key was counted before, and each window's count. The SELECT sees the rows as
    // they were before the deletes, which is the same answer: a row past its expiry is older than
    // any window of its bucket.
    const since = Math.min(...counts.map((c) => now - c.windowMs));
    const { rows } = await client.query<{ again: boolean; sent: string[] }>(
      `WITH mine AS (DELETE FROM sms_sends WHERE bucket = ANY($1) AND expires_at <= $2),
            stale AS (DELETE FROM sms_sends WHERE ctid IN (SELECT ctid FROM sms_sends WHERE bucket = $3 AND expires_at <= $2 LIMIT 200 FOR UPDATE SKIP LOCKED))
       SELECT EXISTS (SELECT 1 FROM sms_sends WHERE sms_key = $4 AND at > $5) AS again,
              ARRAY(SELECT (SELECT count(*) FROM sms_sends s WHERE s.bucket = c.bucket AND s.at > c.after)
                      FROM unnest($6::text[], $7::bigint[]) WITH ORDINALITY AS c(bucket, after, i) ORDER BY c.i) AS sent`,
      [locked, now, GLOBAL, key, since, counts.map((c) => c.bucket), counts.map((c) => now - c.windowMs)],
    );
    if (rows[0].again) return { taken: true, again: true };
    const sent = new Map(counts.map((c, i) => [`${c.bucket}@${now - c.windowMs}`, Number(rows[0].sent[i])]));
    const full = firstFull(counts, now, (bucket, after) => sent.get(`${bucket}@${after}`) ?? 0);
    if (full) return { taken: false, refusedBy: full };
    const record = [...bucketsToRecord(counts)];
    await client.query('INSERT INTO sms_sends (bucket, at, sms_key, expires_at) SELECT b, $2, $3, $2 + w FROM unnest($1::text[], $4::bigint[]) AS r(b, w)', [
      record.map(([bucket]) => bucket),
      now,
      key,
      record.map(([, windowMs]) => windowMs),
    ]);
    return { taken: true };
  };
  return {
    takeOn,
    take: (counts, now, key) => inTransaction(pool, (client) => takeOn(client, counts, now, key)),
  };
}
