import type { PgMigration } from './migration';

/**
 * The operations report counts in SQL: first-contact resolution looks, for each call, for a later
 * call from the same number, which needs the caller (inside the JSONB document) indexed with the
 * start time. An index on the expression, so the call store's writes stay as they are.
 */
export const PG_REPORT_MIGRATIONS: PgMigration[] = [
  {
    id: 'reports_0001_calls_caller',
    sql: "CREATE INDEX calls_caller_started_at ON calls ((data->>'caller'), started_at)",
  },
];
