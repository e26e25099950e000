import { sqliteAccountDirectory } from './sqlite-account-directory';
import type { SqliteDatabase } from './open-sqlite';
import type { WriteGroup } from './write-group';
import { sqliteOtpStore } from './sqlite-otp-store';
import { sqliteSmsCapStore } from './sqlite-sms-cap-store';
import { sqliteSmsOutbox } from './sqlite-sms-outbox';
import { sqliteTicketStore } from './sqlite-ticket-store';
import { sqliteCallbackStore } from './sqlite-callback-store';

/**
 * Every caller-services store over one migrated SQLite connection, ready for `createCallerServices`.
 * `writes`: the server's write group, so SMS counted and queued join its group commit.
 */
export function sqliteStores(db: SqliteDatabase, writes?: WriteGroup) {
  return {
    accounts: sqliteAccountDirectory(db),
    otp: sqliteOtpStore(db),
    tickets: sqliteTicketStore(db),
    outbox: sqliteSmsOutbox(db, writes),
    smsCaps: sqliteSmsCapStore(db, writes),
    callbacks: sqliteCallbackStore(db, writes),
  };
}
export type SqliteStores = ReturnType<typeof sqliteStores>;
