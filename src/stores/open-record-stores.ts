import { existsSync } from 'node:fs';
import type { Database } from '../config/config';
import type { Clock } from '../platform/clock';
import type { SurveyStore } from '../services/survey/survey-store';
import type { TicketStore } from '../services/tickets/ticket-store';
import type { ReportSource } from '../reports/report-facts';
import type { ServiceRetentionStore } from '../retention/service-retention';
import type { CallRetentionStore } from './calls/call-retention';
import type { CallStore } from './calls/call-store';
import { pgCallStore } from './calls/postgres/pg-call-store';
import { sqliteCallStore } from './calls/sqlite/sqlite-call-store';
import { migratePostgres, openPostgres, pgStores, pgSurveyStore } from './postgres';
import { pgReportSource } from './postgres/pg-report-source';
import { pgServiceRetention } from './postgres/pg-service-retention';
import { sqliteReportSource } from './sqlite/sqlite-report-source';
import { sqliteServiceRetention } from './sqlite/sqlite-service-retention';
import { openMigratedSqlite, sqliteStores, sqliteSurveyStore } from './sqlite';
import type { QaStore } from './qa/qa-store';
import { pgQaStore } from './qa/postgres/pg-qa-store';
import type { CallbackStore } from '../services/callbacks/callback-store';
import { sqliteQaStore } from './qa/sqlite/sqlite-qa-store';

/** What a database kind cannot do for a command: the message says what to do instead. */
export class StoreUnsupportedError extends Error {
  readonly code = 'STORE_UNSUPPORTED';
}

/**
 * The stores that keep what calls leave behind (call records, tickets, surveys), opened for the
 * operator's commands (`ivr report`, `ivr purge`) on the server's DATABASE_URL, without the
 * server's other parts (no flows, accounts or SMS).
 */
export type RecordStores = {
  calls: CallStore;
  retention: CallRetentionStore;
  /** SMS texts, survey comments and numbers, code look-ups past their use. */
  services: ServiceRetentionStore;
  tickets: TicketStore;
  surveys: SurveyStore;
  /** The operations report's counts, in SQL. */
  reports: ReportSource;
  /** Quality-review marks, purged with their call records. */
  qa: QaStore;
  /** The call backs tickets promised (the report's call back figures). */
  callbacks: CallbackStore;
  close(): Promise<void>;
};

export async function openRecordStores(database: Database, clock: Clock): Promise<RecordStores> {
  if (database.kind === 'memory') {
    throw new StoreUnsupportedError('DATABASE_URL=memory: keeps nothing after its server stops; point DATABASE_URL at the server\'s database (e.g. sqlite:data/ivr.db)');
  }
  if (database.kind === 'sqlite') {
    if (database.file !== ':memory:' && !existsSync(database.file)) {
      throw new StoreUnsupportedError(`no database at ${database.file}: run ivr serve once, or set DATABASE_URL to the server's database`);
    }
    const db = openMigratedSqlite(database.file, { clock });
    const calls = sqliteCallStore(db);
    const stores = sqliteStores(db);
    return { calls, retention: calls, services: sqliteServiceRetention(db), tickets: stores.tickets, surveys: sqliteSurveyStore(db), reports: sqliteReportSource(db), qa: sqliteQaStore(db), callbacks: stores.callbacks, close: async () => void db.close() };
  }
  const pool = openPostgres(database.url, database.schema ? { schema: database.schema } : {});
  try {
    await migratePostgres(pool, { ...(database.schema ? { schema: database.schema } : {}), clock });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const calls = pgCallStore(pool);
  return {
    calls,
    retention: calls,
    services: pgServiceRetention(pool),
    ...(({ tickets, callbacks }) => ({ tickets, callbacks }))(pgStores(pool)),
    surveys: pgSurveyStore(pool),
    reports: pgReportSource(pool),
    qa: pgQaStore(pool),
    close: () => pool.end(),
  };
}
