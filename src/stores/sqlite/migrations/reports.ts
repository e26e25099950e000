import type { Migration } from './migration';

/**
 * The operations report counts in SQL: first-contact resolution looks, for each call, for a later
 * call from the same number, which needs the caller (inside the JSON document) indexed with the
 * start time. An index on the expression, so the call store's writes stay as they are.
 */
export const REPORT_MIGRATIONS: Migration[] = [
  {
    id: 'reports_0001_calls_caller',
    sql: "CREATE INDEX IF NOT EXISTS calls_caller_started_at ON calls (json_extract(data, '$.caller'), started_at)",
  },
];
