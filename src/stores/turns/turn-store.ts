import type { CallRecord } from '../calls/call-record';
import type { CallStore } from '../calls/call-store';
import type { Session } from '../session/session';
import type { SessionStore } from '../session/session-store';

/** What a turn does to its call's record (pure): an entry, a ticket, an outcome. */
export type RecordChange = (record: CallRecord) => CallRecord;

/**
 * How a turn's write went. `saved: false`: another delivery of the call got there first and
 * nothing was written. `recordError`: the session is stored (the caller hears this turn) but the
 * record's change failed; the record is best-effort, the caller is never refused for it.
 */
export type TurnWrite = { saved: false } | { saved: true; recordError?: unknown };

/**
 * Writes a turn: the call's session (what a retried or next webhook continues from) and its call
 * record's change, in one write where the stores share a database (SQLite), one after the other
 * where they do not (memory; Redis beside PostgreSQL).
 */
export interface TurnStore {
  /** The greeting: stores the new call's session and opens its record with `change` applied. Unsaved when a live session of that CallSid exists. */
  start(session: Session, record: CallRecord, change: RecordChange): Promise<TurnWrite>;
  /** A later turn: compare-and-set of the session (see SessionStore.save), then `change` to the record. */
  commit(session: Session, change: RecordChange): Promise<TurnWrite>;
}

/** Session first, record after: the caller's turn never waits on, nor fails for, the record. */
export function separateTurnStore(sessions: SessionStore, calls: CallStore): TurnStore {
  const record = async (callSid: string, change: RecordChange, open?: CallRecord): Promise<TurnWrite> => {
    try {
      if (open) await calls.open(open);
      await calls.update(callSid, change);
      return { saved: true };
    } catch (recordError) {
      return { saved: true, recordError };
    }
  };
  return {
    start: async (session, open, change) => ((await sessions.insert(session)) ? record(session.callSid, change, open) : { saved: false }),
    commit: async (session, change) => ((await sessions.save(session)) ? record(session.callSid, change) : { saved: false }),
  };
}
