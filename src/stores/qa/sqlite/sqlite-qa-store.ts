import type { SqliteDatabase } from '../../sqlite/open-sqlite';
import { soloWrites, type WriteGroup } from '../../sqlite/write-group';
import { QA_COLUMNS, qaEntryOf, reviewedWhere, type QaRow } from '../qa-row';
import type { QaStore } from '../qa-store';

/** Marks and reviews in SQLite (table `qa_reviews`, migration qa_0001_reviews), written through the server's WriteGroup. */
export function sqliteQaStore(db: SqliteDatabase, writes: WriteGroup = soloWrites(db)): QaStore {
  const insert = db.prepare<[string, string, string, number]>('INSERT INTO qa_reviews (call_sid, hotline, agent, marked_at) VALUES (?, ?, ?, ?) ON CONFLICT (call_sid) DO NOTHING');
  const select = db.prepare<[string], QaRow>(`SELECT ${QA_COLUMNS} FROM qa_reviews WHERE call_sid = ?`);
  const review = db.prepare<[number, string, string, number, string]>('UPDATE qa_reviews SET score = ?, note = ?, reviewer = ?, reviewed_at = ? WHERE call_sid = ?');
  const remove = db.prepare<[string]>('DELETE FROM qa_reviews WHERE call_sid = ?');
  const lists = {
    all: db.prepare<[number, number], QaRow>(`SELECT ${QA_COLUMNS} FROM qa_reviews WHERE ${reviewedWhere(undefined)} ORDER BY marked_at DESC, call_sid DESC LIMIT ? OFFSET ?`),
    reviewed: db.prepare<[number, number], QaRow>(`SELECT ${QA_COLUMNS} FROM qa_reviews WHERE ${reviewedWhere(true)} ORDER BY marked_at DESC, call_sid DESC LIMIT ? OFFSET ?`),
    unreviewed: db.prepare<[number, number], QaRow>(`SELECT ${QA_COLUMNS} FROM qa_reviews WHERE ${reviewedWhere(false)} ORDER BY marked_at DESC, call_sid DESC LIMIT ? OFFSET ?`),
  };
  return {
    mark: (e) => writes.run(() => void insert.run(e.callSid, e.hotline, e.agent, e.markedAt)),
    async get(callSid) {
      const row = select.get(callSid);
      return row && qaEntryOf(row);
    },
    async list(q) {
      const stmt = q.reviewed === undefined ? lists.all : q.reviewed ? lists.reviewed : lists.unreviewed;
      return stmt.all(q.limit, q.offset ?? 0).map(qaEntryOf);
    },
    review: (callSid, r) =>
      writes.run(() => {
        if (review.run(r.score, r.note, r.reviewer, r.reviewedAt, callSid).changes === 0) return undefined;
        const row = select.get(callSid);
        return row && qaEntryOf(row);
      }),
    forgetCalls: (callSids) => writes.run(() => callSids.reduce((n, sid) => n + remove.run(sid).changes, 0)),
  };
}
