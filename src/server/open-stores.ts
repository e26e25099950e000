import type { Database } from '../config/config';
import { memoryCallStore } from '../stores/calls/memory/memory-call-store';
import { sqliteCallStore } from '../stores/calls/sqlite/sqlite-call-store';
import type { CallStore } from '../stores/calls/call-store';
import { memorySessionStore } from '../stores/session/memory/memory-session-store';
import { sqliteSessionStore } from '../stores/session/sqlite/sqlite-session-store';
import type { SessionStore } from '../stores/session/session-store';
import { migrateSqlite } from '../stores/sqlite/migrate-sqlite';
import { openSqlite } from '../stores/sqlite/open-sqlite';

/** The stores DATABASE_URL names, and how to close them at shutdown. */
export function openStores(database: Database): { sessions: SessionStore; calls: CallStore; close(): void } {
  if (database.kind === 'memory') return { sessions: memorySessionStore(), calls: memoryCallStore(), close: () => undefined };
  const db = openSqlite(database.file);
  migrateSqlite(db);
  return { sessions: sqliteSessionStore(db), calls: sqliteCallStore(db), close: () => db.close() };
}
