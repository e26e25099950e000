import { systemClock, type Clock } from '../../platform/clock';
import type { MigrationReport } from '../sqlite/migrate-sqlite';
import { PG_MIGRATIONS, type PgMigration } from './migrations';
import { checkOut, quoteIdent, type PgPool } from './open-postgres';

/** The first key of the advisory lock the migration runner holds ("ivr" in ASCII); the second is the schema's hash. */
const MIGRATION_LOCK = 0x697672;

/**
 * Brings a PostgreSQL schema up to date: applies, in order, each migration not yet recorded in
 * `schema_migrations`, each in its own transaction. Every server runs it at start; a session
 * advisory lock around the whole run makes servers starting at the same moment take turns, so the
 * first applies and the others find everything applied. Creates `schema` first if given.
 */
export async function migratePostgres(
  pool: PgPool,
  opts: { schema?: string; migrations?: readonly PgMigration[]; clock?: Clock } = {},
): Promise<MigrationReport> {
  const migrations = opts.migrations ?? PG_MIGRATIONS;
  const clock = opts.clock ?? systemClock;
  checkIds(migrations);
  const schema = opts.schema ?? 'public';
  const held = await checkOut(pool).catch((err: Error) => {
    throw new Error(`cannot connect to PostgreSQL to migrate it: ${err.message} (is DATABASE_URL right and the server up?)`, { cause: err });
  });
  const { client } = held;
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
    try {
      if (opts.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(opts.schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const done = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
      for (const m of migrations) {
        if (done.has(m.id)) {
          report.alreadyApplied.push(m.id);
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [m.id, clock.now()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`PostgreSQL migration "${m.id}" failed: ${(err as Error).message}. Nothing of it was applied; fix its SQL (or add a new migration) and start again.`, { cause: err });
        }
        report.applied.push(m.id);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK, schema]).catch(() => undefined);
    }
  } finally {
    held.release();
  }
  return report;
}

function checkIds(migrations: readonly PgMigration[]): void {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`two PostgreSQL migrations share the id "${m.id}"; give the newer one a new id in src/stores/postgres/migrations/`);
    seen.add(m.id);
  }
}
