import type { Logger } from 'pino';
import type { Database } from '../config/config';
import type { Clock } from '../platform/clock';
import { readAccountsFile } from '../services/accounts/read-accounts-file';
import type { UndecodableRecordHandler } from '../stores/calls/call-record';
import { pgCallStore } from '../stores/calls/postgres/pg-call-store';
import { loadAccountsIntoPostgres, migratePostgres, openPostgres, pgCallClosing, pgStores, pgSurveyStore } from '../stores/postgres';
import { pgReportSource } from '../stores/postgres/pg-report-source';
import { pgSessionStore } from '../stores/session/postgres/pg-session-store';
import type { Parts } from './create-services';
import { pgQaStore } from '../stores/qa/postgres/pg-qa-store';

/**
 * The stores on PostgreSQL: opens the pool, migrates (servers starting together take turns on an
 * advisory lock), upserts ACCOUNTS_FILE, then builds every store on the one pool. Sessions live
 * here too unless REDIS_URL moves them to Redis. Closing ends the pool.
 */
export async function postgresParts(database: Extract<Database, { kind: 'postgres' }>, opts: { accountsFile: string; clock: Clock; logger: Pick<Logger, 'info' | 'warn'>; poolSize?: number; onUndecodable?: UndecodableRecordHandler }): Promise<Parts> {
  const pool = openPostgres(database.url, {
    ...(database.schema ? { schema: database.schema } : {}),
    ...(opts.poolSize ? { max: opts.poolSize } : {}),
    onError: (err) => opts.logger.warn({ err }, 'a PostgreSQL connection dropped; the pool opens another when needed'),
  });
  try {
    const report = await migratePostgres(pool, { ...(database.schema ? { schema: database.schema } : {}), clock: opts.clock });
    if (report.applied.length > 0) opts.logger.info({ applied: report.applied, schema: database.schema ?? 'public' }, 'PostgreSQL migrated');
    await loadAccountsIntoPostgres(pool, readAccountsFile(opts.accountsFile));
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  // Turn-by-turn writes (call records, sessions without Redis) do not wait for the disk: they are
  // the bulk of the commits, and a crash losing their last moment only repeats a prompt. Tickets,
  // SMS and surveys commit durably on `pool`.
  const turns = openPostgres(database.url, {
    ...(database.schema ? { schema: database.schema } : {}),
    max: Math.max(2, Math.ceil((opts.poolSize ?? 10) / 2)),
    synchronousCommit: 'off',
    onError: (err) => opts.logger.warn({ err }, 'a PostgreSQL connection dropped; the pool opens another when needed'),
  });
  const calls = pgCallStore(pool, { turnWrites: turns, ...(opts.onUndecodable ? { onUndecodable: opts.onUndecodable } : {}) });
  const stores = pgStores(pool);
  return {
    sessions: pgSessionStore(turns),
    calls,
    stores,
    surveys: pgSurveyStore(pool),
    reports: pgReportSource(pool),
    qa: pgQaStore(pool),
    durableCalls: pgCallStore(pool, opts.onUndecodable ? { onUndecodable: opts.onUndecodable } : {}),
    // The record, the survey and its SMS in one transaction: the outbox, never the sender.
    closing: (_sms, guard) => pgCallClosing(pool, { calls, ...(guard ? { guard, caps: stores.smsCaps } : {}) }),
    close: async () => {
      await Promise.all([pool.end(), turns.end()]);
    },
  };
}
