import { memoryQaStore } from '../../../src/stores/qa/memory/memory-qa-store';
import { pgQaStore } from '../../../src/stores/qa/postgres/pg-qa-store';
import { sqliteQaStore } from '../../../src/stores/qa/sqlite/sqlite-qa-store';
import { describeWith, testSchema } from '../../helpers/external-services';
import { qaStoreContract } from '../contracts/qa-store.contract';
import { sqliteFixture } from '../temp-sqlite';

qaStoreContract('memory', () => ({ store: memoryQaStore() }));
qaStoreContract('sqlite', () => sqliteFixture((db) => sqliteQaStore(db)));

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  qaStoreContract('postgres', async () => ({ store: pgQaStore(await db.fresh()) }));
});
