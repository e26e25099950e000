import type { PgMigration } from './migration';

/**
 * The identity check exactly once (issue 10): the effect keys already answered, the send
 * throttle's history, and codes hashed with HMAC under the server secret. Live codes hashed the
 * old way (salted SHA-256) cannot be checked any more: they are dropped (they lived 5 minutes).
 */
export const PG_OTP_ONCE_MIGRATIONS: PgMigration[] = [
  {
    id: 'otp_once_0001_keys_throttle_hmac',
    sql: `
      ALTER TABLE otp_state ADD COLUMN code_key TEXT;
      ALTER TABLE otp_state ADD COLUMN sent_at JSONB;
      ALTER TABLE otp_state ADD COLUMN done JSONB;
      ALTER TABLE otp_state ADD COLUMN updated_at BIGINT;
      UPDATE otp_state SET code_hash = NULL, salt = NULL, expires_at = NULL;
    `,
  },
];
