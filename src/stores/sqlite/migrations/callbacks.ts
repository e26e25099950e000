import type { Migration } from './migration';

/** The callback schedule (one job per ticket promising a call back) and the progress SMS slot sent per ticket. */
export const CALLBACK_MIGRATIONS: Migration[] = [
  {
    id: 'callbacks_0001_callback_jobs',
    sql: `
      CREATE TABLE callback_jobs (
        ticket_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        claimed_until INTEGER NOT NULL DEFAULT 0,
        claimed_by TEXT,
        dial_started_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX callback_jobs_due ON callback_jobs (status, next_attempt_at);
      CREATE INDEX callback_jobs_created_at ON callback_jobs (created_at);
      CREATE TABLE ticket_progress_sms (ticket_id TEXT PRIMARY KEY, slot INTEGER NOT NULL);
    `,
  },
];
