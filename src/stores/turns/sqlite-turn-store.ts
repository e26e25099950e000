import type { CallRecord } from '../calls/call-record';
import type { sqliteCallStore } from '../calls/sqlite/sqlite-call-store';
import type { Session } from '../session/session';
import type { sqliteSessionStore } from '../session/sqlite/sqlite-session-store';
import type { SqliteDatabase } from '../sqlite/open-sqlite';
import type { WriteGroup } from '../sqlite/write-group';
import type { RecordChange, TurnStore, TurnWrite } from './turn-store';

/**
 * A turn in one SQLite write: the session's compare-and-set and the record's change commit
 * together, in the write group of the event loop's turn (see write-group.ts). The record's change
 * runs in a savepoint: when it fails (a record that no longer decodes) only it is rolled back, and
 * the session, which the caller is about to hear, still commits.
 */
export function sqliteTurnStore(
  db: SqliteDatabase,
  writes: WriteGroup,
  sessions: Pick<ReturnType<typeof sqliteSessionStore>, 'insertSync' | 'saveSync'>,
  calls: Pick<ReturnType<typeof sqliteCallStore>, 'openSync' | 'updateSync'>,
): TurnStore {
  const record = db.transaction((callSid: string, change: RecordChange, open: CallRecord | undefined) => {
    if (open) calls.openSync(open);
    calls.updateSync(callSid, change);
  });
  const write = (session: Session, stored: boolean, change: RecordChange, open?: CallRecord): TurnWrite => {
    if (!stored) return { saved: false };
    try {
      record(session.callSid, change, open);
      return { saved: true };
    } catch (recordError) {
      return { saved: true, recordError };
    }
  };
  return {
    start: (s, open, change) => writes.run(() => write(s, sessions.insertSync(s), change, open)),
    commit: (s, change) => writes.run(() => write(s, sessions.saveSync(s), change)),
  };
}
