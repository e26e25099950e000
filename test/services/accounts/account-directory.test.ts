import { memoryAccountDirectory } from '../../../src/services/accounts/account-directory';
import { readAccountsFile } from '../../../src/services/accounts/read-accounts-file';
import { loadAccountsIntoSqlite, sqliteAccountDirectory } from '../../../src/stores/sqlite';
import { accountDirectoryContract, CONTRACT_ACCOUNTS } from '../contracts/account-directory.contract';
import { sqliteFixture, tempSqliteDir } from '../temp-sqlite';
import { loadAccountsIntoPostgres, pgAccountDirectory } from '../../../src/stores/postgres';
import { describeWith, testSchema } from '../../helpers/external-services';

accountDirectoryContract('memory', (accounts) => ({ store: memoryAccountDirectory(accounts) }));
accountDirectoryContract('sqlite', (accounts) =>
  sqliteFixture((db) => {
    loadAccountsIntoSqlite(db, accounts);
    return sqliteAccountDirectory(db);
  }),
);

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  accountDirectoryContract('postgres', async (accounts) => {
    const pool = await db.fresh();
    await loadAccountsIntoPostgres(pool, accounts);
    return { store: pgAccountDirectory(pool) };
  });

  it('updates known accounts on the next start, adds new ones and keeps the rest', async () => {
    const pool = await db.fresh();
    await loadAccountsIntoPostgres(pool, CONTRACT_ACCOUNTS);
    const edited = { ...CONTRACT_ACCOUNTS[1], status: 'active' as const, email: 'li.na@example.com' };
    const added = { id: 'U10010', phone: '+8613500135000', name: '王芳', tier: 'standard' as const, status: 'active' as const };
    await loadAccountsIntoPostgres(pool, [edited, added]);
    const directory = pgAccountDirectory(pool);
    expect(await directory.findById('U10002')).toEqual(edited);
    expect(await directory.findByPhone('+8613500135000')).toEqual(added);
    expect(await directory.findById('U10001')).toEqual(CONTRACT_ACCOUNTS[0]);
    expect((await directory.findByPhone('+8613800138000'))?.id).toBe('U10001');
  });
});

describe('loading ACCOUNTS_FILE into SQLite at start', () => {
  const tmp = tempSqliteDir();
  afterAll(() => tmp.remove());

  it('loads the demo accounts file', async () => {
    const db = tmp.open(`${tmp.dir}/demo.db`);
    const accounts = readAccountsFile('data/accounts.demo.yaml');
    expect(loadAccountsIntoSqlite(db, accounts)).toBe(accounts.length);
    expect(await sqliteAccountDirectory(db).findByPhone('+8613900139000')).toEqual(accounts.find((a) => a.id === 'E20001'));
  });

  it('updates known accounts on the next start, adds new ones and keeps the rest', async () => {
    const db = tmp.open(`${tmp.dir}/reload.db`);
    loadAccountsIntoSqlite(db, CONTRACT_ACCOUNTS);
    const edited = { ...CONTRACT_ACCOUNTS[1], status: 'active' as const, email: 'li.na@example.com' };
    const added = { id: 'U10010', phone: '+8613500135000', name: '王芳', tier: 'standard' as const, status: 'active' as const };
    loadAccountsIntoSqlite(db, [edited, added]);
    const directory = sqliteAccountDirectory(db);
    expect(await directory.findById('U10002')).toEqual(edited);
    expect(await directory.findByPhone('+8613500135000')).toEqual(added);
    expect(await directory.findById('U10001')).toEqual(CONTRACT_ACCOUNTS[0]);
  });
});
