export { openSqlite, type SqliteDatabase } from './open-sqlite';
export { migrateSqlite, type MigrationReport } from './migrate-sqlite';
export { MIGRATIONS, type Migration } from './migrations';
export { sqliteAccountDirectory, loadAccountsIntoSqlite } from './sqlite-account-directory';
export { sqliteOtpStore } from './sqlite-otp-store';
export { sqliteTicketStore } from './sqlite-ticket-store';
export { sqliteSmsOutbox } from './sqlite-sms-outbox';
export { sqliteStores, type SqliteStores } from './sqlite-stores';
