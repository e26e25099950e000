import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

/**
 * Opens (and creates on first start, with its directory) the SQLite file that holds call state,
 * call records and the caller services' tables. WAL lets the admin API read while webhooks and the
 * SMS sender write; `synchronous = NORMAL` is durable across a process crash, which is what a
 * restart mid-call needs; `busy_timeout` makes a second process wait for the write lock instead of
 * failing with SQLITE_BUSY. ":memory:" is accepted for tests.
 */
export function openSqlite(file: string, opts: { busyTimeoutMs?: number } = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(file);
  } catch (err) {
    throw new Error(`cannot open the SQLite database "${file}": ${(err as Error).message} (check that the path is a file in a writable directory, or set another path)`, { cause: err });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? 2000)}`);
  return db;
}
