import type { Logger } from 'pino';
import type { Database } from '../../config/config';
import type { Clock } from '../../platform/clock';
import { migratePostgres, openPostgres } from '../postgres';
import { openMigratedSqlite } from '../sqlite';
import { memoryReleaseStore } from './memory/memory-release-store';
import { pgReleaseStore } from './postgres/pg-release-store';
import type { ReleaseStore } from './release-store';
import { sqliteReleaseStore } from './sqlite/sqlite-release-store';

/**
 * The release store of DATABASE_URL, on a connection of its own (migrated first), for `ivr serve`
 * and the operator's commands (`ivr publish`, `ivr versions`…). Closing it closes the connection.
 * memory: is a store of this process only.
 */
export async function openReleaseStore(database: Database, clock: Clock, logger?: Pick<Logger, 'info'>): Promise<ReleaseStore> {
  if (database.kind === 'memory') return memoryReleaseStore();
  if (database.kind === 'sqlite') {
    const db = openMigratedSqlite(database.file, { clock });
    return sqliteReleaseStore(db, { close: () => db.close() });
  }
  const pool = openPostgres(database.url, { ...(database.schema ? { schema: database.schema } : {}), max: 3 });
  try {
    const report = await migratePostgres(pool, { ...(database.schema ? { schema: database.schema } : {}), clock });
    // The server's first migration happens here now (releases are read before the services open).
    if (report.applied.length > 0) logger?.info({ applied: report.applied, schema: database.schema ?? 'public' }, 'PostgreSQL migrated');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return pgReleaseStore(pool, { close: () => pool.end() });
}
