import type { Migration } from './migration';

/** The SMS guard's counts: one row per SMS per bucket (a hashed number and cap group, or "global"), kept until its bucket's longest window has passed (`expires_at`), with the SMS key so a retried SMS is not counted twice. */
export const SMS_GUARD_MIGRATIONS: Migration[] = [
  {
    id: 'sms_guard_0001_sms_sends',
    sql: `
      CREATE TABLE sms_sends (bucket TEXT NOT NULL, at INTEGER NOT NULL, sms_key TEXT NOT NULL, expires_at INTEGER NOT NULL);
      CREATE INDEX sms_sends_bucket_at ON sms_sends (bucket, at);
      CREATE INDEX sms_sends_sms_key ON sms_sends (sms_key);
      CREATE INDEX sms_sends_expires_at ON sms_sends (expires_at);
    `,
  },
  /** The deployment-wide bucket counted per minute (see sqliteSmsCapStore): the global rows of sms_sends move into slots, then go. */
  {
    id: 'sms_guard_0002_sms_minute_counts',
    sql: `
      CREATE TABLE sms_minute_counts (bucket TEXT NOT NULL, minute INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (bucket, minute));
      INSERT INTO sms_minute_counts (bucket, minute, n) SELECT bucket, at / 60000, count(*) FROM sms_sends WHERE bucket = 'global' GROUP BY bucket, at / 60000;
      DELETE FROM sms_sends WHERE bucket = 'global';
    `,
  },
];
