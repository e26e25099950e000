import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSqlite, openSqlite, type SqliteDatabase } from '../../src/stores/sqlite';

/** A fresh directory for a test's database files; `remove()` closes what was opened and deletes it. */
export function tempSqliteDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-sqlite-'));
  const opened: SqliteDatabase[] = [];
  return {
    dir,
    path: join(dir, 'nested', 'ivr.db'),
    /** Opens (another connection to) the database and migrates it. */
    open(path = join(dir, 'nested', 'ivr.db')): SqliteDatabase {
      const db = openSqlite(path);
      migrateSqlite(db);
      opened.push(db);
      return db;
    },
    remove() {
      for (const db of opened) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated database in its own directory, as a contract-suite fixture. */
export function sqliteFixture<T>(build: (db: SqliteDatabase) => T) {
  const tmp = tempSqliteDir();
  const db = tmp.open();
  return { store: build(db), close: () => tmp.remove() };
}
