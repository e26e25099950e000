import type { PgPool } from '../../postgres/open-postgres';
import { QA_COLUMNS, qaEntryOf, reviewedWhere, type QaRow } from '../qa-row';
import type { QaStore } from '../qa-store';

/** Marks and reviews in PostgreSQL (table `qa_reviews`, migration qa_0001_reviews), committed durably. */
export function pgQaStore(pool: PgPool): QaStore {
  return {
    async mark(e) {
      await pool.query('INSERT INTO qa_reviews (call_sid, hotline, agent, marked_at) VALUES ($1, $2, $3, $4) ON CONFLICT (call_sid) DO NOTHING', [e.callSid, e.hotline, e.agent, e.markedAt]);
    },
    async get(callSid) {
      const { rows } = await pool.query<QaRow>(`SELECT ${QA_COLUMNS} FROM qa_reviews WHERE call_sid = $1`, [callSid]);
      return rows[0] && qaEntryOf(rows[0]);
    },
    async list(q) {
      const { rows } = await pool.query<QaRow>(`SELECT ${QA_COLUMNS} FROM qa_reviews WHERE ${reviewedWhere(q.reviewed)} ORDER BY marked_at DESC, call_sid DESC LIMIT $1 OFFSET $2`, [q.limit, q.offset ?? 0]);
      return rows.map(qaEntryOf);
    },
    async review(callSid, r) {
      const { rows } = await pool.query<QaRow>(
        `UPDATE qa_reviews SET score = $2, note = $3, reviewer = $4, reviewed_at = $5 WHERE call_sid = $1 RETURNING ${QA_COLUMNS}`,
        [callSid, r.score, r.note, r.reviewer, r.reviewedAt],
      );
      return rows[0] && qaEntryOf(rows[0]);
    },
    async forgetCalls(callSids) {
      if (callSids.length === 0) return 0;
      return (await pool.query('DELETE FROM qa_reviews WHERE call_sid = ANY($1::text[])', [callSids])).rowCount ?? 0;
    },
  };
}
