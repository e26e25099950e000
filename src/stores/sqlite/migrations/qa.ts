import type { Migration } from './migration';

/** Calls marked for quality review and their reviews (src/stores/qa), beside the call records. */
export const QA_MIGRATIONS: Migration[] = [
  {
    id: 'qa_0001_reviews',
    sql: `
      CREATE TABLE qa_reviews (
        call_sid    TEXT PRIMARY KEY,
        hotline     TEXT NOT NULL,
        agent       TEXT NOT NULL,
        marked_at   INTEGER NOT NULL,
        score       INTEGER CHECK (score BETWEEN 1 AND 5),
        note        TEXT,
        reviewer    TEXT,
        reviewed_at INTEGER
      );
      CREATE INDEX qa_reviews_marked_at ON qa_reviews (marked_at);
    `,
  },
];
