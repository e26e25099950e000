import type { PgMigration } from './migration';

/** The satisfaction survey after a call, and who asked not to be asked. */
export const PG_SURVEY_MIGRATIONS: PgMigration[] = [
  {
    id: '0007_surveys',
    sql: `
      CREATE TABLE surveys (
        call_sid     TEXT PRIMARY KEY,
        seq          BIGSERIAL NOT NULL,
        phone        TEXT NOT NULL,
        hotline      TEXT NOT NULL,
        lang         TEXT NOT NULL,
        sms_key      TEXT NOT NULL,
        created_at   BIGINT NOT NULL,
        rating       INTEGER CHECK (rating BETWEEN 1 AND 5),
        rated_at     BIGINT,
        comment      TEXT,
        commented_at BIGINT
      );
      CREATE INDEX surveys_phone_created_at ON surveys (phone, created_at);
    `,
  },
  {
    id: '0008_sms_opt_outs',
    sql: 'CREATE TABLE sms_opt_outs (phone TEXT PRIMARY KEY, at BIGINT NOT NULL, word TEXT NOT NULL)',
  },
];
