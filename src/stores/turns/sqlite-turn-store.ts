import type { SqliteDatabase } from '../sqlite/open-sqlite';
import type { CallRecord } from '../calls/call-record';
import type { sqliteCallStore } from '../calls/sqlite/sqlite-call-store';
import type { Session } from '../session/session';
import type { sqliteSessionStore } from '../session/sqlite/sqlite-session-store';
import type { RecordChange, TurnStore, TurnWrite } from './turn-store';

/**
 * A turn in one SQLite transaction: the session's compare-and-set and the record's change commit
 * together, one write (one commit, one lock) per turn instead of two. The record's change runs in
 * a savepoint: when it fails (a record that no longer decodes) only it is rolled back, and the
 * session, which the caller is about to hear, still commits.
 */
export function sqliteTurnStore(
  db: SqliteDatabase,
  sessions: Pick<ReturnType<typeof sqliteSessionStore>, 'insertSync' | 'saveSync'>,
  calls: Pick<ReturnType<typeof sqliteCallStore>, 'openSync' | 'updateSync'>,
): TurnStore {
  const record = db.transaction((callSid: string, change: RecordChange, open: CallRecord | undefined) => {
    if (open) calls.openSync(open);
    calls.updateSync(callSid, change);
  });
  const write = (session: Session, stored: boolean, change: RecordChange, open: CallRecord | undefined): TurnWrite => {
    if (!stored) return { saved: false };
    try {
      // Nested in the turn's transaction, this is a savepoint of its own.
      record(session.callSid, change, open);
      return { saved: true };
    } catch (recordError) {
      return { saved: true, recordError };
    }
  };
  // IMMEDIATE: the write lock first, so a second process on the file cannot interleave its turn.
  const start = db.transaction((s: Session, open: CallRecord, change: RecordChange) => write(s, sessions.insertSync(s), change, open));
  const commit = db.transaction((s: Session, change: RecordChange) => write(s, sessions.saveSync(s), change, undefined));
  return {
    start: async (s, open, change) => start.immediate(s, open, change),
    commit: async (s, change) => commit.immediate(s, change),
  };
}
