import { bucketsToRecord, firstFull, type CapCount, type CapTake, type SmsCapStore } from '../../services/sms/sms-cap-store';
import type { SqliteDatabase } from './open-sqlite';

/**
 * SMS caps in `sms_sends`. `takeSync` runs inside a caller's transaction (the call-closing one);
 * `take` runs its own IMMEDIATE transaction, so two processes on one file count in turn.
 */
export function sqliteSmsCapStore(db: SqliteDatabase): SmsCapStore & { takeSync(counts: readonly CapCount[], now: number, key: string): CapTake } {
  const count = db.prepare<{ bucket: string; since: number }, number>('SELECT count(*) FROM sms_sends WHERE bucket = @bucket AND at > @since').pluck();
  const insert = db.prepare('INSERT INTO sms_sends (bucket, at, sms_key, expires_at) VALUES (@bucket, @at, @key, @expiresAt)');
  const seen = db.prepare<{ key: string; since: number }, number>('SELECT 1 FROM sms_sends WHERE sms_key = @key AND at > @since LIMIT 1').pluck();
  // Every take forgets what no window can count any more, so numbers texted once do not pile up.
  const forget = db.prepare('DELETE FROM sms_sends WHERE expires_at <= @now');
  const takeSync = (counts: readonly CapCount[], now: number, key: string): CapTake => {
    forget.run({ now });
    if (seen.get({ key, since: now - Math.max(...counts.map((c) => c.windowMs)) })) return { taken: true, again: true };
    const full = firstFull(counts, now, (bucket, since) => count.get({ bucket, since }) ?? 0);
    if (full) return { taken: false, refusedBy: full };
    for (const [bucket, windowMs] of bucketsToRecord(counts)) {
      insert.run({ bucket, at: now, key, expiresAt: now + windowMs });
    }
    return { taken: true };
  };
  const inTransaction = db.transaction(takeSync);
  return {
    takeSync,
    take: async (counts, now, key) => inTransaction.immediate(counts, now, key),
  };
}
