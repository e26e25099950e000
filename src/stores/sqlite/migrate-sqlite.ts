import { systemClock, type Clock } from '../../platform/clock';
import { MIGRATIONS, type Migration } from './migrations';
import { openSqlite, type SqliteDatabase } from './open-sqlite';

export type MigrationReport = { applied: string[]; alreadyApplied: string[] };

/**
 * Brings the schema up to date: applies, in order, each migration not yet recorded in
 * `schema_migrations`, each in its own IMMEDIATE transaction (so two processes starting at once
 * cannot both apply one). Running it again is a no-op.
 */
export function migrateSqlite(db: SqliteDatabase, opts: { migrations?: readonly Migration[]; clock?: Clock } = {}): MigrationReport {
  const migrations = opts.migrations ?? MIGRATIONS;
  const clock = opts.clock ?? systemClock;
  checkIds(migrations);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const isApplied = db.prepare<[string]>('SELECT 1 FROM schema_migrations WHERE id = ?').pluck();
  const record = db.prepare<[string, number]>('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const m of migrations) {
    const apply = db.transaction(() => {
      if (isApplied.get(m.id)) return false;
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new Error(`SQLite migration "${m.id}" failed: ${(err as Error).message}. Nothing of it was applied; fix its SQL (or add a new migration) and start again.`, { cause: err });
      }
      record.run(m.id, clock.now());
      return true;
    });
    (apply.immediate() ? report.applied : report.alreadyApplied).push(m.id);
  }
  return report;
}

function checkIds(migrations: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`two SQLite migrations share the id "${m.id}"; give the newer one a new id in src/stores/sqlite/migrations/`);
    seen.add(m.id);
  }
}

/**
 * The database file opened and brought up to date, then `prepare` run on it (e.g. the demo
 * accounts loaded); on any failure the connection is closed before the error goes on.
 */
export function openMigratedSqlite(file: string, opts: { clock?: Clock; prepare?: (db: SqliteDatabase) => void } = {}): SqliteDatabase {
  const db = openSqlite(file);
  try {
    migrateSqlite(db, opts.clock ? { clock: opts.clock } : {});
    opts.prepare?.(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
