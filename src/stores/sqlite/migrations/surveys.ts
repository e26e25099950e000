import type { Migration } from './migration';

/** The satisfaction survey after a call: its SMS and the caller's answer, and who asked not to be asked. */
export const SURVEY_MIGRATIONS: Migration[] = [
  {
    id: '0007_ticket_rating',
    sql: 'ALTER TABLE tickets ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5)',
  },
];
