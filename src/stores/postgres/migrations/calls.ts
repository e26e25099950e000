import type { PgMigration } from './migration';

/**
 * Tables of the webhook: calls in progress (used when Redis is not configured) and call records,
 * one JSON document per call beside the columns the admin API filters on.
 */
export const PG_CALL_MIGRATIONS: PgMigration[] = [
  {
    id: '0005_call_sessions',
    sql: `
      CREATE TABLE call_sessions (
        call_sid   TEXT PRIMARY KEY,
        version    INTEGER NOT NULL,
        expires_at BIGINT NOT NULL,
        data       TEXT NOT NULL
      );
      CREATE INDEX call_sessions_expires_at ON call_sessions (expires_at);
    `,
  },
  {
    id: '0006_calls',
    sql: `
      CREATE TABLE calls (
        call_sid   TEXT PRIMARY KEY,
        hotline    TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        data       JSONB NOT NULL
      );
      CREATE INDEX calls_started_at ON calls (started_at);
      CREATE INDEX calls_hotline_started_at ON calls (hotline, started_at);
    `,
  },
];

/**
 * A turn's update of its call record becomes a compare-and-set on this version: two round trips
 * without a transaction instead of four, and no connection held across them.
 */
export const PG_CALL_VERSION_MIGRATIONS: PgMigration[] = [{ id: '0009_calls_version', sql: 'ALTER TABLE calls ADD COLUMN version INTEGER NOT NULL DEFAULT 0' }];
