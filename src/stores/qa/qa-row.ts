import type { QaEntry } from '../../quality/qa-review';

/** A row of `qa_reviews` (SQLite and PostgreSQL alike; PostgreSQL's BIGINTs come back as strings). */
export type QaRow = {
  call_sid: string;
  hotline: string;
  agent: string;
  marked_at: number | string;
  score: number | null;
  note: string | null;
  reviewer: string | null;
  reviewed_at: number | string | null;
};

export const QA_COLUMNS = 'call_sid, hotline, agent, marked_at, score, note, reviewer, reviewed_at';

export function qaEntryOf(row: QaRow): QaEntry {
  const { score, reviewer, reviewed_at: reviewedAt } = row;
  return {
    callSid: row.call_sid,
    hotline: row.hotline,
    agent: row.agent,
    markedAt: Number(row.marked_at),
    review: reviewedAt !== null && score !== null && reviewer !== null ? { score, note: row.note ?? '', reviewer, reviewedAt: Number(reviewedAt) } : null,
  };
}

/** `reviewed` as a WHERE clause (no parameter). */
export function reviewedWhere(reviewed: boolean | undefined): string {
  if (reviewed === undefined) return 'TRUE';
  return reviewed ? 'reviewed_at IS NOT NULL' : 'reviewed_at IS NULL';
}
