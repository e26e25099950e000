import { memoryCallbackStore } from '../../../src/services/callbacks/callback-store';
import { sqliteCallbackStore } from '../../../src/stores/sqlite/sqlite-callback-store';
import { pgCallbackStore } from '../../../src/stores/postgres/pg-callback-store';
import { callbackStoreContract } from '../contracts/callback-store.contract';
import { sqliteFixture } from '../temp-sqlite';
import { describeWith, testSchema } from '../../helpers/external-services';

callbackStoreContract('memory', () => ({ store: memoryCallbackStore() }));
callbackStoreContract('sqlite', () => sqliteFixture((db) => sqliteCallbackStore(db)));

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  callbackStoreContract('postgres', async () => ({ store: pgCallbackStore(await db.fresh()) }));
});
