import type { Migration } from './migration';
import { CALL_MIGRATIONS } from './calls';
import { SERVICES_MIGRATIONS } from './services';
import { SURVEY_MIGRATIONS } from './surveys';
import { REPORT_MIGRATIONS } from './reports';
import { OTP_ONCE_MIGRATIONS } from './otp-once';
import { SURVEY_REPLY_MIGRATIONS } from './survey-replies';
import { SMS_GUARD_MIGRATIONS } from './sms-guard';
import { QA_MIGRATIONS } from './qa';
import { CALLBACK_MIGRATIONS } from './callbacks';
import { RELEASE_MIGRATIONS } from './releases';

export type { Migration } from './migration';

/**
 * Every migration, in the order they apply. To change the schema, append a list (or one entry)
 * here; ids only need to be unique, and an applied one is never run again.
 */
export const MIGRATIONS: readonly Migration[] = [
  ...SERVICES_MIGRATIONS,
  ...CALL_MIGRATIONS,
  ...SURVEY_MIGRATIONS,
  ...OTP_ONCE_MIGRATIONS,
  ...SURVEY_REPLY_MIGRATIONS,
  ...REPORT_MIGRATIONS,
  ...SMS_GUARD_MIGRATIONS,
  ...QA_MIGRATIONS,
  ...CALLBACK_MIGRATIONS,
  ...RELEASE_MIGRATIONS,
];
