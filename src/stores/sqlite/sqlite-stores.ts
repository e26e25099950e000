import { sqliteAccountDirectory } from './sqlite-account-directory';
import type { SqliteDatabase } from './open-sqlite';
import { sqliteOtpStore } from './sqlite-otp-store';
import { sqliteSmsCapStore } from './sqlite-sms-cap-store';
import { sqliteSmsOutbox } from './sqlite-sms-outbox';
import { sqliteTicketStore } from './sqlite-ticket-store';

/** Every caller-services store over one migrated SQLite connection, ready for `createCallerServices`. */
export function sqliteStores(db: SqliteDatabase) {
  return {
    accounts: sqliteAccountDirectory(db),
    otp: sqliteOtpStore(db),
    tickets: sqliteTicketStore(db),
    outbox: sqliteSmsOutbox(db),
    smsCaps: sqliteSmsCapStore(db),
  };
}
export type SqliteStores = ReturnType<typeof sqliteStores>;
