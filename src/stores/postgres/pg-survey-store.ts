import type { SurveyStore } from '../../services/survey/survey-store';
import type { Survey } from '../../services/survey/survey.schema';
import { toSurvey, type SurveyRow } from '../rows/survey-row';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

const COLUMNS = 'call_sid, phone, hotline, lang, sms_key, created_at, rating, rated_at, comment, commented_at';

/** Records `s` on `q` (pool or a transaction's client) unless its call has a survey; false when it had. */
export async function insertSurveyOn(q: Queryable, s: Survey): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO surveys (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (call_sid) DO NOTHING`,
    [s.callSid, s.phone, s.hotline, s.lang, s.smsKey, s.createdAt, s.rating ?? null, s.ratedAt ?? null, s.comment ?? null, s.commentedAt ?? null],
  );
  return rowCount === 1;
}

export async function isOptedOutOn(q: Queryable, phone: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [phone])).rowCount === 1;
}

/** Surveys in `surveys` and opt-outs in `sms_opt_outs`; `insertSurveyOn`/`isOptedOutOn` join the transaction that closes a call. */
export function pgSurveyStore(pool: PgPool): SurveyStore {
  const byCall = async (q: Queryable, callSid: string, lock = false) => {
    const { rows } = await q.query<SurveyRow>(`SELECT ${COLUMNS} FROM surveys WHERE call_sid = $1${lock ? ' FOR UPDATE' : ''}`, [callSid]);
    return rows[0] && toSurvey(rows[0]);
  };
  return {
    insert: (s) => insertSurveyOn(pool, s),
    get: (callSid) => byCall(pool, callSid),
    async latestFor(phone) {
      const { rows } = await pool.query<SurveyRow>(`SELECT ${COLUMNS} FROM surveys WHERE phone = $1 ORDER BY created_at DESC, seq DESC LIMIT 1`, [phone]);
      return rows[0] && toSurvey(rows[0]);
    },
    // FOR UPDATE: two replies at once both land (a rating and a comment, say).
    change: (callSid, apply) =>
      inTransaction(pool, async (client) => {
        const stored = await byCall(client, callSid, true);
        if (!stored) return undefined;
        const s = { ...apply(stored), callSid };
        await client.query('UPDATE surveys SET rating = $2, rated_at = $3, comment = $4, commented_at = $5 WHERE call_sid = $1', [
          callSid,
          s.rating ?? null,
          s.ratedAt ?? null,
          s.comment ?? null,
          s.commentedAt ?? null,
        ]);
        return byCall(client, callSid);
      }),
    optOut: async (phone, at, word) => void (await pool.query('INSERT INTO sms_opt_outs (phone, at, word) VALUES ($1, $2, $3) ON CONFLICT (phone) DO NOTHING', [phone, at, word])),
    isOptedOut: (phone) => isOptedOutOn(pool, phone),
  };
}
