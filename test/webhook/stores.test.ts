import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { sqliteCallStore } from '../../src/stores/calls/sqlite/sqlite-call-store';
import { memorySessionStore } from '../../src/stores/session/memory/memory-session-store';
import { sqliteSessionStore } from '../../src/stores/session/sqlite/sqlite-session-store';
import { migrateSqlite } from '../../src/stores/sqlite/migrate-sqlite';
import { openSqlite, type SqliteDatabase } from '../../src/stores/sqlite/open-sqlite';
import { callStoreContract, sessionStoreContract } from '../helpers/store-contracts';

const dir = mkdtempSync(join(tmpdir(), 'ivr-stores-'));
const open: SqliteDatabase[] = [];
let n = 0;
const sqlite = () => {
  const db = openSqlite(join(dir, `store-${n++}.db`));
  migrateSqlite(db);
  open.push(db);
  return db;
};
afterAll(() => {
  for (const db of open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

sessionStoreContract('memory', memorySessionStore);
sessionStoreContract('SQLite', () => sqliteSessionStore(sqlite()));
callStoreContract('memory', memoryCallStore);
callStoreContract('SQLite', () => sqliteCallStore(sqlite()));

it('creates the SQLite file and its folder on first start, in WAL mode', () => {
  const db = openSqlite(join(dir, 'fresh', 'data', 'ivr.db'));
  open.push(db);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
});
