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

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  smsCapStoreContract('postgres (two pools on one schema)', async () => {
    const pool = await db.fresh();
    const other = db.another();
    return { store: { a: pgSmsCapStore(pool), b: pgSmsCapStore(other) }, close: () => other.end() };
  });
});
