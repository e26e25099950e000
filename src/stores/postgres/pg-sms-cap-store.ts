import { bucketsToRecord, countedInSlots, firstFull, firstSlotOf, slotOf, type CapCount, type CapTake, type SmsCapStore } from '../../services/sms/sms-cap-store';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

/** The advisory lock class of the SMS caps; the second key is the bucket's hash. */
const SMS_CAP_LOCK = 0x736d73;

/**
 * SMS caps, shared by every server: a number's buckets in `sms_sends` (a row per SMS, with its
 * key), the deployment-wide bucket in `sms_minute_counts` (a row per minute and connection, so
 * counting it reads at most the window's minutes times the connections that counted in them, not
 * a row per SMS of the last hour). A transaction-scoped advisory lock per destination bucket makes
 * a number's check and count one step: two servers cannot both take a number's last slot, and a
 * duplicate delivery of the same SMS (same key, same number) waits for the first and is admitted
 * `again`.
 *
 * The global ceiling is counted without a lock. One lock for every SMS, held until the caller's
 * transaction commits (closing a call takes its survey's count inside that transaction), made all
 * call closings on all servers wait for each other: p99 of 2.5 s under load. So servers admitting
 * SMS at the same instant may each see the ceiling's last slot free and overshoot it by the SMS in
 * flight at that instant (a handful): it is a circuit breaker against a flood, while the
 * per-number caps, which SMS pumping meets first, stay exact.
 *
 * Updating one row per minute would be that lock again (an updated row stays locked until
 * commit), so each transaction adds to the minute's row of its own PostgreSQL backend
 * (`pg_backend_pid()`): a backend runs one transaction at a time, so no take waits for another's
 * row. Old minutes are deleted by whoever finds them free (SKIP LOCKED), never waiting either.
 */
export function pgSmsCapStore(pool: PgPool): SmsCapStore & { takeOn(client: Queryable, counts: readonly CapCount[], now: number, key: string): Promise<CapTake> } {
  const takeOn = async (client: Queryable, counts: readonly CapCount[], now: number, key: string): Promise<CapTake> => {
    const locked = [...new Set(counts.map((c) => c.bucket).filter((b) => !countedInSlots(b)))].sort();
    // In one order on every server, so two takes of overlapping buckets cannot deadlock.
    for (const bucket of locked) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SMS_CAP_LOCK, bucket]);
    const record = [...bucketsToRecord(counts)];
    const slotted = record.filter(([bucket]) => countedInSlots(bucket));
    const rowed = record.filter(([bucket]) => !countedInSlots(bucket));
    // One round trip: forget what no window can count any more (this number's rows under its lock;
    // the old minutes by whoever finds them free, never waiting for another server's delete), then
    // whether this key was counted before, and each window's count. The SELECT sees the rows as
    // they were before the deletes, which is the same answer: a deleted row is older than any
    // window of its bucket.
    const since = Math.min(...counts.map((c) => now - c.windowMs));
    const { rows } = await client.query<{ again: boolean; sent: string[] }>(
      `WITH mine AS (DELETE FROM sms_sends WHERE bucket = ANY($1) AND expires_at <= $2),
            stale AS (DELETE FROM sms_minute_counts WHERE ctid IN (
              SELECT m.ctid FROM sms_minute_counts m JOIN unnest($3::text[], $4::bigint[]) AS o(bucket, first) ON m.bucket = o.bucket AND m.minute < o.first
              LIMIT 200 FOR UPDATE OF m SKIP LOCKED))
       SELECT EXISTS (SELECT 1 FROM sms_sends WHERE sms_key = $5 AND at > $6) AS again,
              ARRAY(SELECT CASE WHEN c.slotted
                             THEN (SELECT coalesce(sum(m.n), 0) FROM sms_minute_counts m WHERE m.bucket = c.bucket AND m.minute >= c.first)
                             ELSE (SELECT count(*) FROM sms_sends s WHERE s.bucket = c.bucket AND s.at > c.after) END
                      FROM unnest($7::text[], $8::bigint[], $9::bigint[], $10::boolean[]) WITH ORDINALITY AS c(bucket, after, first, slotted, i) ORDER BY c.i) AS sent`,
      [
        locked,
        now,
        slotted.map(([bucket]) => bucket),
        slotted.map(([, windowMs]) => firstSlotOf(now, windowMs)),
        key,
        since,
        counts.map((c) => c.bucket),
        counts.map((c) => now - c.windowMs),
        counts.map((c) => firstSlotOf(now, c.windowMs)),
        counts.map((c) => countedInSlots(c.bucket)),
      ],
    );
    if (rows[0].again) return { taken: true, again: true };
    const sent = new Map(counts.map((c, i) => [`${c.bucket}@${now - c.windowMs}`, Number(rows[0].sent[i])]));
    const full = firstFull(counts, now, (bucket, after) => sent.get(`${bucket}@${after}`) ?? 0);
    if (full) return { taken: false, refusedBy: full };
    await client.query(
      `WITH sends AS (INSERT INTO sms_sends (bucket, at, sms_key, expires_at) SELECT b, $3, $4, $3 + w FROM unnest($1::text[], $2::bigint[]) AS r(b, w))
       INSERT INTO sms_minute_counts (bucket, minute, backend, n) SELECT b, $6, pg_backend_pid(), 1 FROM unnest($5::text[]) AS r(b)
       ON CONFLICT (bucket, minute, backend) DO UPDATE SET n = sms_minute_counts.n + 1`,
      [rowed.map(([bucket]) => bucket), rowed.map(([, windowMs]) => windowMs), now, key, slotted.map(([bucket]) => bucket), slotOf(now)],
    );
    return { taken: true };
  };
  return {
    takeOn,
    take: (counts, now, key) => inTransaction(pool, (client) => takeOn(client, counts, now, key)),
  };
}
