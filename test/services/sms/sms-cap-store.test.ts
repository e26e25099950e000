import { memorySmsCapStore } from '../../../src/services/sms/sms-cap-store';
import { pgSmsCapStore } from '../../../src/stores/postgres';
import { sqliteSmsCapStore } from '../../../src/stores/sqlite';
import { describeWith, testSchema } from '../../helpers/external-services';
import { smsCapStoreContract } from '../contracts/sms-cap-store.contract';
import { tempSqliteDir } from '../temp-sqlite';

smsCapStoreContract('memory', () => {
  const store = memorySmsCapStore();
  // The memory store keeps no global rows, only slots.
  return { store: { a: store, b: store, kept: async () => ({ globalSends: 0, slotMinutes: store.size().slots }) } };
});

smsCapStoreContract('sqlite (two connections to one file)', () => {
  const tmp = tempSqliteDir();
  const db = tmp.open();
  const kept = async () => ({
    globalSends: db.prepare<[], number>("SELECT count(*) FROM sms_sends WHERE bucket = 'global'").pluck().get() ?? 0,
    slotMinutes: db.prepare<[], number>('SELECT count(*) FROM sms_minute_counts').pluck().get() ?? 0,
  });
  return { store: { a: sqliteSmsCapStore(db), b: sqliteSmsCapStore(tmp.open()), kept }, close: () => tmp.remove() };
});

describe('SMS cap rows in SQLite', () => {
  it('are forgotten once no window can count them: a number texted once leaves nothing behind a day later', async () => {
    const tmp = tempSqliteDir();
    try {
      const db = tmp.open();
      const caps = sqliteSmsCapStore(db);
      const T0 = Date.UTC(2026, 10, 23, 2, 0);
      await caps.take([{ bucket: 'n1:survey', limit: 1, windowMs: 86_400_000 }, { bucket: 'global', limit: 100, windowMs: 3_600_000 }], T0, 'CA1/survey');
      const rows = () => db.prepare('SELECT bucket FROM sms_sends ORDER BY bucket').pluck().all();
      const slots = () => db.prepare('SELECT bucket, minute, n FROM sms_minute_counts').all();
      expect(rows()).toEqual(['n1:survey']);
      expect(slots()).toEqual([{ bucket: 'global', minute: T0 / 60_000, n: 1 }]);
      await caps.take([{ bucket: 'n2:link', limit: 3, windowMs: 86_400_000 }], T0 + 3_600_000, 'CA2/link');
      expect(rows()).toEqual(['n1:survey', 'n2:link']);
      await caps.take([{ bucket: 'n3:link', limit: 3, windowMs: 86_400_000 }], T0 + 86_400_000 + 3_600_000, 'CA3/link');
      expect(rows()).toEqual(['n3:link']);
      await caps.take([{ bucket: 'n4:link', limit: 3, windowMs: 86_400_000 }, { bucket: 'global', limit: 100, windowMs: 3_600_000 }], T0 + 86_400_000 + 3_600_000, 'CA4/link');
      expect(slots()).toEqual([{ bucket: 'global', minute: (T0 + 86_400_000 + 3_600_000) / 60_000, n: 1 }]);
    } finally {
      tmp.remove();
    }
  });
});

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  smsCapStoreContract('postgres (two pools on one schema)', async () => {
    const pool = await db.fresh();
    const other = db.another();
    const kept = async () => {
      const { rows } = await pool.query<{ global_sends: string; slot_minutes: string }>(
        "SELECT (SELECT count(*) FROM sms_sends WHERE bucket = 'global') AS global_sends, (SELECT count(DISTINCT minute) FROM sms_minute_counts) AS slot_minutes",
      );
      return { globalSends: Number(rows[0].global_sends), slotMinutes: Number(rows[0].slot_minutes) };
    };
    return { store: { a: pgSmsCapStore(pool), b: pgSmsCapStore(other), kept }, close: () => other.end() };
  }, 4_000);

  it('counts the global ceiling without waiting for another server\'s open transaction: each backend adds to its own minute row', async () => {
    const pool = await db.fresh();
    const other = db.another();
    const [first, second] = [await pool.connect(), await other.connect()];
    try {
      const T0 = Date.UTC(2026, 10, 23, 2, 0);
      const global = { bucket: 'global', limit: 100, windowMs: 3_600_000 };
      // A call closing counts its survey, then keeps its transaction open while it writes the call.
      await first.query('BEGIN');
      expect(await pgSmsCapStore(pool).takeOn(first, [{ bucket: 'n1:survey', limit: 1, windowMs: 86_400_000 }, global], T0, 'CA1/survey')).toEqual({ taken: true });
      // Another server's take in the same minute fails loudly instead of hanging, should it ever wait for a lock.
      await second.query('BEGIN');
      await second.query("SET LOCAL lock_timeout = '5s'");
      expect(await pgSmsCapStore(other).takeOn(second, [{ bucket: 'n2:survey', limit: 1, windowMs: 86_400_000 }, global], T0 + 1000, 'CA2/survey')).toEqual({ taken: true });
      await second.query('COMMIT');
      await first.query('COMMIT');
      const { rows } = await pool.query<{ n: number }>("SELECT n FROM sms_minute_counts WHERE bucket = 'global' AND minute = $1", [T0 / 60_000]);
      expect(rows).toEqual([{ n: 1 }, { n: 1 }]);
    } finally {
      first.release();
      second.release();
      await other.end();
    }
  });
});
