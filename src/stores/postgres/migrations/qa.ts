import type { PgMigration } from './migration';

/** Calls marked for quality review and their reviews (src/stores/qa), beside the call records. */
export const PG_QA_MIGRATIONS: PgMigration[] = [
  {
    id: 'qa_0001_reviews',
    sql: `
      CREATE TABLE qa_reviews (
        call_sid    TEXT PRIMARY KEY,
        hotline     TEXT NOT NULL,
        agent       TEXT NOT NULL,
        marked_at   BIGINT NOT NULL,
        score       INTEGER CHECK (score BETWEEN 1 AND 5),
        note        TEXT,
        reviewer    TEXT,
        reviewed_at BIGINT
      );
      CREATE INDEX qa_reviews_marked_at ON qa_reviews (marked_at);
    `,
  },
];
