import type { PgPool } from './open-postgres';
import { pgAccountDirectory } from './pg-account-directory';
import { pgOtpStore } from './pg-otp-store';
import { pgSmsCapStore } from './pg-sms-cap-store';
import { pgSmsOutbox } from './pg-sms-outbox';
import { pgTicketStore } from './pg-ticket-store';
import { pgCallbackStore } from './pg-callback-store';

/** Every caller-services store over one migrated PostgreSQL pool, ready for `createCallerServices`. */
export function pgStores(pool: PgPool) {
  return {
    accounts: pgAccountDirectory(pool),
    otp: pgOtpStore(pool),
    tickets: pgTicketStore(pool),
    outbox: pgSmsOutbox(pool),
    smsCaps: pgSmsCapStore(pool),
    callbacks: pgCallbackStore(pool),
  };
}
export type PgStores = ReturnType<typeof pgStores>;
