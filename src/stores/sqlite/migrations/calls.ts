import type { Migration } from './migration';

/**
 * Tables of the webhook: calls in progress (sessions) and call records. `IF NOT EXISTS` because
 * servers before these migrations created the same tables themselves at start.
 */
export const CALL_MIGRATIONS: Migration[] = [
  {
    id: '0005_call_sessions',
    sql: `
      CREATE TABLE IF NOT EXISTS call_sessions (
        call_sid   TEXT PRIMARY KEY,
        version    INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        data       TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS call_sessions_expires_at ON call_sessions (expires_at);
    `,
  },
  {
    id: '0006_calls',
    sql: `
      CREATE TABLE IF NOT EXISTS calls (
        call_sid   TEXT PRIMARY KEY,
        hotline    TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        data       TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS calls_started_at ON calls (started_at);
      CREATE INDEX IF NOT EXISTS calls_hotline_started_at ON calls (hotline, started_at);
    `,
  },
];
