import type { PgMigration } from './migration';

/** The callback schedule (one job per ticket promising a call back) and the progress SMS slot sent per ticket. */
export const PG_CALLBACK_MIGRATIONS: PgMigration[] = [
  {
    id: 'callbacks_0001_callback_jobs',
    sql: `
      CREATE TABLE callback_jobs (
        ticket_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        next_attempt_at BIGINT NOT NULL,
        claimed_until BIGINT NOT NULL DEFAULT 0,
        claimed_by TEXT,
        dial_started_at BIGINT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        data JSONB NOT NULL
      );
      CREATE INDEX callback_jobs_due ON callback_jobs (status, next_attempt_at);
      CREATE INDEX callback_jobs_created_at ON callback_jobs (created_at);
      CREATE TABLE ticket_progress_sms (ticket_id TEXT PRIMARY KEY, slot INTEGER NOT NULL);
    `,
  },
];
