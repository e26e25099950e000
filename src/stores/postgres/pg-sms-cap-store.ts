import { bucketsToRecord, firstFull, type CapCount, type CapTake, type SmsCapStore } from '../../services/sms/sms-cap-store';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

/** The advisory lock of the SMS caps (one for all buckets: the global ceiling is shared by every SMS). */
const SMS_CAP_LOCK = 0x736d73;

/**
 * SMS caps in `sms_sends`, shared by every server. One transaction-scoped advisory lock makes the
 * check and the count one step: two servers cannot both take the last slot. SMS are few (a
 * ceiling of some thousands an hour), so one lock for all is no bottleneck.
 */
export function pgSmsCapStore(pool: PgPool): SmsCapStore & { takeOn(client: Queryable, counts: readonly CapCount[], now: number, key: string): Promise<CapTake> } {
  const takeOn = async (client: Queryable, counts: readonly CapCount[], now: number, key: string): Promise<CapTake> => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SMS_CAP_LOCK]);
    // Every take forgets what no window can count any more, so numbers texted once do not pile up.
    await client.query('DELETE FROM sms_sends WHERE expires_at <= $1', [now]);
    const since = Math.min(...counts.map((c) => now - c.windowMs));
    const again = await client.query('SELECT 1 FROM sms_sends WHERE sms_key = $1 AND at > $2 LIMIT 1', [key, since]);
    if (again.rows.length > 0) return { taken: true, again: true };
    const buckets = [...new Set(counts.map((c) => c.bucket))];
    const { rows } = await client.query<{ bucket: string; at: string }>('SELECT bucket, at FROM sms_sends WHERE bucket = ANY($1) AND at > $2', [buckets, since]);
    const full = firstFull(counts, now, (bucket, after) => rows.filter((r) => r.bucket === bucket && Number(r.at) > after).length);
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
