import type { SurveyStore } from '../../services/survey/survey-store';
import type { Survey } from '../../services/survey/survey.schema';
import { toSurvey, type SurveyRow } from '../rows/survey-row';
import { inTransaction, type PgPool, type Queryable } from './open-postgres';

const COLUMNS = 'call_sid, phone, hotline, lang, sms_key, created_at, rating, rated_at, comment, commented_at, thanked_at';

/** The advisory lock key class of survey replies ("sms" in ASCII); the second key is the number's hash. */
const REPLY_LOCK = 0x736d73;

/** Records `s` on `q` (pool or a transaction's client) unless its call has a survey; false when it had. */
export async function insertSurveyOn(q: Queryable, s: Survey): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO surveys (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (call_sid) DO NOTHING`,
    [s.callSid, s.phone, s.hotline, s.lang, s.smsKey, s.createdAt, s.rating ?? null, s.ratedAt ?? null, s.comment ?? null, s.commentedAt ?? null, s.thankedAt ?? null],
  );
  return rowCount === 1;
}

export async function isOptedOutOn(q: Queryable, phone: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [phone])).rowCount === 1;
}

/** Writes the answer columns of `s` (rating, comment, thanks) on `q`. */
async function writeAnswers(q: Queryable, s: Survey): Promise<void> {
  await q.query('UPDATE surveys SET rating = $2, rated_at = $3, comment = $4, commented_at = $5, thanked_at = $6 WHERE call_sid = $1', [
    s.callSid,
    s.rating ?? null,
    s.ratedAt ?? null,
    s.comment ?? null,
    s.commentedAt ?? null,
    s.thankedAt ?? null,
  ]);
}

/**
 * Surveys in `surveys`, opt-outs in `sms_opt_outs` and the MessageSids of replies in
 * `sms_replies`; `insertSurveyOn`/`isOptedOutOn` join the transaction that closes a call.
 */
export function pgSurveyStore(pool: PgPool): SurveyStore {
  const byCall = async (q: Queryable, callSid: string, lock = false) => {
    const { rows } = await q.query<SurveyRow>(`SELECT ${COLUMNS} FROM surveys WHERE call_sid = $1${lock ? ' FOR UPDATE' : ''}`, [callSid]);
    return rows[0] && toSurvey(rows[0]);
  };
  const latestOn = async (q: Queryable, phone: string) => {
    const { rows } = await q.query<SurveyRow>(`SELECT ${COLUMNS} FROM surveys WHERE phone = $1 ORDER BY created_at DESC, seq DESC LIMIT 1`, [phone]);
    return rows[0] && toSurvey(rows[0]);
  };
  return {
    insert: (s) => insertSurveyOn(pool, s),
    get: (callSid) => byCall(pool, callSid),
    latestFor: (phone) => latestOn(pool, phone),
    // FOR UPDATE: two replies at once both land (a rating and a comment, say).
    change: (callSid, apply) =>
      inTransaction(pool, async (client) => {
        const stored = await byCall(client, callSid, true);
        if (!stored) return undefined;
        await writeAnswers(client, { ...apply(stored), callSid });
        return byCall(client, callSid);
      }),
    // The advisory lock makes every reply from one number, on any server, wait for the one before
    // (so two replies at once cannot both be the first to be thanked, nor both confirm an
    // opt-out); the MessageSid's primary key refuses a second delivery.
    answer: (reply, decide) =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REPLY_LOCK, reply.phone]);
        const claimed = await client.query('INSERT INTO sms_replies (message_sid, received_at) VALUES ($1, $2) ON CONFLICT (message_sid) DO NOTHING', [reply.messageSid, reply.at]);
        if (claimed.rowCount === 0) return undefined;
        const latest = await latestOn(client, reply.phone);
        const decision = decide({ ...(latest ? { latest } : {}), optedOut: await isOptedOutOn(client, reply.phone) });
        await client.query('UPDATE sms_replies SET kind = $2, call_sid = $3 WHERE message_sid = $1', [reply.messageSid, decision.kind, decision.callSid ?? null]);
        if (decision.survey) await writeAnswers(client, decision.survey);
        if (decision.optOut !== undefined) {
          await client.query('INSERT INTO sms_opt_outs (phone, at, word) VALUES ($1, $2, $3) ON CONFLICT (phone) DO NOTHING', [reply.phone, reply.at, decision.optOut]);
        }
        if (decision.optIn) await client.query('DELETE FROM sms_opt_outs WHERE phone = $1', [reply.phone]);
        return decision;
      }),
    optOut: async (phone, at, word) => void (await pool.query('INSERT INTO sms_opt_outs (phone, at, word) VALUES ($1, $2, $3) ON CONFLICT (phone) DO NOTHING', [phone, at, word])),
    isOptedOut: (phone) => isOptedOutOn(pool, phone),
  };
}
