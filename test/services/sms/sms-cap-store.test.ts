import { memorySmsCapStore } from '../../../src/services/sms/sms-cap-store';
import { pgSmsCapStore } from '../../../src/stores/postgres';
import { sqliteSmsCapStore } from '../../../src/stores/sqlite';
import { describeWith, testSchema } from '../../helpers/external-services';
import { smsCapStoreContract } from '../contracts/sms-cap-store.contract';
import { tempSqliteDir } from '../temp-sqlite';

smsCapStoreContract('memory', () => {
  const store = memorySmsCapStore();
  return { store: { a: store, b: store } };
});

smsCapStoreContract('sqlite (two connections to one file)', () => {
  const tmp = tempSqliteDir();
  return { store: { a: sqliteSmsCapStore(tmp.open()), b: sqliteSmsCapStore(tmp.open()) }, close: () => tmp.remove() };
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
      expect(rows()).toEqual(['global', 'n1:survey']);
      await caps.take([{ bucket: 'n2:link', limit: 3, windowMs: 86_400_000 }], T0 + 3_600_000, 'CA2/link');
      expect(rows()).toEqual(['n1:survey', 'n2:link']);
      await caps.take([{ bucket: 'n3:link', limit: 3, windowMs: 86_400_000 }], T0 + 86_400_000 + 3_600_000, 'CA3/link');
      expect(rows()).toEqual(['n3:link']);
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
    return { store: { a: pgSmsCapStore(pool), b: pgSmsCapStore(other) }, close: () => other.end() };
  });
});
