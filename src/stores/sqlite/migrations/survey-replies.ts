import type { Migration } from './migration';

/**
 * Survey replies that cannot be abused: each SMS we received, by MessageSid, so a webhook Twilio
 * delivers again changes nothing (no phone number and no text are kept here); and when a survey
 * was thanked, so it is thanked once.
 */
export const SURVEY_REPLY_MIGRATIONS: Migration[] = [
  {
    id: 'survey_replies_01_sms_replies',
    sql: `
      CREATE TABLE sms_replies (
        message_sid TEXT PRIMARY KEY,
        received_at INTEGER NOT NULL,
        kind        TEXT,
        call_sid    TEXT
      );
      CREATE INDEX sms_replies_received_at ON sms_replies (received_at);
    `,
  },
  {
    id: 'survey_replies_02_thanked_at',
    sql: 'ALTER TABLE surveys ADD COLUMN thanked_at INTEGER',
  },
];
