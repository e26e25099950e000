import { PG_CALL_MIGRATIONS, PG_CALL_VERSION_MIGRATIONS } from './calls';
import type { PgMigration } from './migration';
import { PG_SERVICES_MIGRATIONS } from './services';
import { PG_SURVEY_MIGRATIONS } from './surveys';
import { PG_REPORT_MIGRATIONS } from './reports';
import { PG_OTP_ONCE_MIGRATIONS } from './otp-once';
import { PG_SURVEY_REPLY_MIGRATIONS } from './survey-replies';
import { PG_SMS_GUARD_MIGRATIONS } from './sms-guard';
import { PG_QA_MIGRATIONS } from './qa';
import { PG_CALLBACK_MIGRATIONS } from './callbacks';
import { PG_RELEASE_MIGRATIONS } from './releases';

export type { PgMigration } from './migration';

/**
 * Every PostgreSQL migration, in the order they apply. To change the schema, append here; an
 * applied id is never run again. (The SQLite list is separate: the dialects differ.)
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  ...PG_SERVICES_MIGRATIONS,
  ...PG_CALL_MIGRATIONS,
  ...PG_SURVEY_MIGRATIONS,
  ...PG_CALL_VERSION_MIGRATIONS,
  ...PG_OTP_ONCE_MIGRATIONS,
  ...PG_SURVEY_REPLY_MIGRATIONS,
  ...PG_REPORT_MIGRATIONS,
  ...PG_SMS_GUARD_MIGRATIONS,
  ...PG_QA_MIGRATIONS,
  ...PG_CALLBACK_MIGRATIONS,
  ...PG_RELEASE_MIGRATIONS,
];
