import type { Migration } from './migration';

/** The satisfaction survey after a call: its SMS and the caller's answer, and who asked not to be asked. */
export const SURVEY_MIGRATIONS: Migration[] = [
  {
    id: '0007_ticket_rating',
    sql: 'ALTER TABLE tickets ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5)',
  },
  {
    id: '0008_surveys',
    sql: `
      CREATE TABLE surveys (
        call_sid     TEXT PRIMARY KEY,
        phone        TEXT NOT NULL,
        hotline      TEXT NOT NULL,
        lang         TEXT NOT NULL,
        sms_key      TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        rating       INTEGER CHECK (rating BETWEEN 1 AND 5),
        rated_at     INTEGER,
        comment      TEXT,
        commented_at INTEGER
      );
      CREATE INDEX surveys_phone_created_at ON surveys (phone, created_at);
    `,
  },
  {
    id: '0009_sms_opt_outs',
    sql: 'CREATE TABLE sms_opt_outs (phone TEXT PRIMARY KEY, at INTEGER NOT NULL, word TEXT NOT NULL)',
  },
];
