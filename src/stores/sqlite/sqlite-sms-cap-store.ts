import { bucketsToRecord, countedInSlots, firstFull, firstSlotOf, slotOf, type CapCount, type CapTake, type SmsCapStore } from '../../services/sms/sms-cap-store';
import type { SqliteDatabase } from './open-sqlite';
import { soloWrites, type WriteGroup } from './write-group';

/**
 * SMS caps: a number's buckets in `sms_sends` (a row per SMS, with its key), the deployment-wide
 * bucket in `sms_minute_counts` (a row per minute: counting it reads at most the window's minutes,
 * however many SMS they hold). `takeSync` runs inside a caller's transaction (the call-closing
 * one); `take` runs through `writes` (the server's group commit, or alone its own IMMEDIATE
 * transaction), holding the write lock, so two processes on one file count in turn.
 */
export function sqliteSmsCapStore(db: SqliteDatabase, writes: WriteGroup = soloWrites(db)): SmsCapStore & { takeSync(counts: readonly CapCount[], now: number, key: string): CapTake } {
  const count = db.prepare<{ bucket: string; since: number }, number>('SELECT count(*) FROM sms_sends WHERE bucket = @bucket AND at > @since').pluck();
  const insert = db.prepare('INSERT INTO sms_sends (bucket, at, sms_key, expires_at) VALUES (@bucket, @at, @key, @expiresAt)');
  const seen = db.prepare<{ key: string; since: number }, number>('SELECT 1 FROM sms_sends WHERE sms_key = @key AND at > @since LIMIT 1').pluck();
  const slotSum = db.prepare<{ bucket: string; first: number }, number>('SELECT coalesce(sum(n), 0) FROM sms_minute_counts WHERE bucket = @bucket AND minute >= @first').pluck();
  const countInSlot = db.prepare('INSERT INTO sms_minute_counts (bucket, minute, n) VALUES (@bucket, @minute, 1) ON CONFLICT (bucket, minute) DO UPDATE SET n = n + 1');
  // Every take forgets what no window can count any more, so numbers texted once do not pile up.
  const forget = db.prepare('DELETE FROM sms_sends WHERE expires_at <= @now');
  // Slots older than the first minute of the bucket's longest window: the primary key finds them.
  const forgetSlots = db.prepare('DELETE FROM sms_minute_counts WHERE bucket = @bucket AND minute < @first');
  const takeSync = (counts: readonly CapCount[], now: number, key: string): CapTake => {
    forget.run({ now });
    const record = bucketsToRecord(counts);
    for (const [bucket, windowMs] of record) if (countedInSlots(bucket)) forgetSlots.run({ bucket, first: firstSlotOf(now, windowMs) });
    if (seen.get({ key, since: now - Math.max(...counts.map((c) => c.windowMs)) })) return { taken: true, again: true };
    const full = firstFull(counts, now, (bucket, since) =>
      countedInSlots(bucket) ? (slotSum.get({ bucket, first: slotOf(since) }) ?? 0) : (count.get({ bucket, since }) ?? 0),
    );
    if (full) return { taken: false, refusedBy: full };
    for (const [bucket, windowMs] of record) {
      if (countedInSlots(bucket)) countInSlot.run({ bucket, minute: slotOf(now) });
      else insert.run({ bucket, at: now, key, expiresAt: now + windowMs });
    }
    return { taken: true };
  };
  return {
    takeSync,
    take: (counts, now, key) => writes.run(() => takeSync(counts, now, key)),
  };
}
