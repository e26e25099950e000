import { Command } from 'commander';
import { migratePostgres, openPostgres } from '../../stores/postgres';
import { migrateSqlite, openSqlite, type MigrationReport } from '../../stores/sqlite';
import { fail, readServerConfig } from '../read-config';

/**
 * `ivr migrate`: brings the schema of DATABASE_URL up to date and prints what it applied. Safe to
 * run again (it applies nothing) and while servers are starting (they take the same lock); servers
 * migrate at start anyway, so this is for a deploy step that wants the schema ready first.
 */
export function migrateCommand(): Command {
  return new Command('migrate').description('apply the schema migrations of DATABASE_URL (SQLite or PostgreSQL) and print what was applied').action(async () => {
    const config = readServerConfig('migrate');
    const db = config.database;
    let report: MigrationReport;
    let where: string;
    if (db.kind === 'memory') {
      process.stdout.write('DATABASE_URL=memory: keeps nothing between runs; there is nothing to migrate\n');
      return;
    }
    if (db.kind === 'sqlite') {
      where = `SQLite ${db.file}`;
      const sqlite = openSqlite(db.file);
      try {
        report = migrateSqlite(sqlite);
      } finally {
        sqlite.close();
      }
    } else {
      where = `PostgreSQL ${db.url.replace(/\/\/[^@/]*@/, '//***@')}, schema ${db.schema ?? 'public'}`;
      const pool = openPostgres(db.url, { ...(db.schema ? { schema: db.schema } : {}), max: 1 });
      try {
        report = await migratePostgres(pool, db.schema ? { schema: db.schema } : {});
      } catch (err) {
        return fail('migrate', (err as Error).message);
      } finally {
        await pool.end();
      }
    }
    for (const id of report.applied) process.stdout.write(`applied ${id}\n`);
    process.stdout.write(
      report.applied.length === 0
        ? `${where}: up to date, nothing to apply (${report.alreadyApplied.length} migrations applied before)\n`
        : `${where}: applied ${report.applied.length} migration(s), ${report.alreadyApplied.length} were applied before\n`,
    );
  });
}
