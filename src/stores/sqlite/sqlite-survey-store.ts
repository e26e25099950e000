import type { Survey } from '../../services/survey/survey.schema';
import { toSurvey, type SurveyRow } from '../rows/survey-row';
import type { ReplyDecision } from '../../services/survey/reply-rules';
import type { ReceivedReply, ReplySeen, SurveyStore } from '../../services/survey/survey-store';
import type { SqliteDatabase } from './open-sqlite';

function toRow(s: Survey) {
  return {
    callSid: s.callSid,
    phone: s.phone,
    hotline: s.hotline,
    lang: s.lang,
    smsKey: s.smsKey,
    createdAt: s.createdAt,
    rating: s.rating ?? null,
    ratedAt: s.ratedAt ?? null,
    comment: s.comment ?? null,
    commentedAt: s.commentedAt ?? null,
    thankedAt: s.thankedAt ?? null,
  };
}

/**
 * Surveys in `surveys`, opt-outs in `sms_opt_outs` and the MessageSids of replies in `sms_replies`
 * (migrations 0008, 0009, survey_replies_*). `insertSync` and
 * `isOptedOutSync` are for the transaction that closes a call (see `sqliteCallClosing`).
 */
export function sqliteSurveyStore(db: SqliteDatabase): SurveyStore & { insertSync(survey: Survey): boolean; isOptedOutSync(phone: string): boolean } {
  const insert = db.prepare(`
    INSERT INTO surveys (call_sid, phone, hotline, lang, sms_key, created_at, rating, rated_at, comment, commented_at, thanked_at)
    VALUES (@callSid, @phone, @hotline, @lang, @smsKey, @createdAt, @rating, @ratedAt, @comment, @commentedAt, @thankedAt)
    ON CONFLICT (call_sid) DO NOTHING`);
  const byCall = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE call_sid = ?');
  const latest = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE phone = ? ORDER BY created_at DESC, rowid DESC LIMIT 1');
  const write = db.prepare(`
    UPDATE surveys SET rating = @rating, rated_at = @ratedAt, comment = @comment, commented_at = @commentedAt, thanked_at = @thankedAt
    WHERE call_sid = @callSid`);
  const optOut = db.prepare('INSERT INTO sms_opt_outs (phone, at, word) VALUES (?, ?, ?) ON CONFLICT (phone) DO NOTHING');
  const optedOut = db.prepare<[string]>('SELECT 1 FROM sms_opt_outs WHERE phone = ?').pluck();
  const optIn = db.prepare('DELETE FROM sms_opt_outs WHERE phone = ?');
  const claimReply = db.prepare('INSERT INTO sms_replies (message_sid, received_at) VALUES (?, ?) ON CONFLICT (message_sid) DO NOTHING');
  const settleReply = db.prepare('UPDATE sms_replies SET kind = ?, call_sid = ? WHERE message_sid = ?');

  const insertSync = (s: Survey) => insert.run(toRow(s)).changes === 1;
  const change = db.transaction((callSid: string, apply: (s: Survey) => Survey): Survey | undefined => {
    const row = byCall.get(callSid);
    if (!row) return undefined;
    write.run(toRow({ ...apply(toSurvey(row)), callSid }));
    return toSurvey(byCall.get(callSid)!);
  });
  const answer = db.transaction((reply: ReceivedReply, decide: (seen: ReplySeen) => ReplyDecision): ReplyDecision | undefined => {
    if (claimReply.run(reply.messageSid, reply.at).changes === 0) return undefined;
    const row = latest.get(reply.phone);
    const decision = decide({ ...(row ? { latest: toSurvey(row) } : {}), optedOut: optedOut.get(reply.phone) !== undefined });
    settleReply.run(decision.kind, decision.callSid ?? null, reply.messageSid);
    if (decision.survey) write.run(toRow(decision.survey));
    if (decision.optOut !== undefined) optOut.run(reply.phone, reply.at, decision.optOut);
    if (decision.optIn) optIn.run(reply.phone);
    return decision;
  });

  return {
    insertSync,
    isOptedOutSync: (phone) => optedOut.get(phone) !== undefined,
    insert: async (s) => insertSync(s),
    get: async (callSid) => {
      const row = byCall.get(callSid);
      return row && toSurvey(row);
    },
    latestFor: async (phone) => {
      const row = latest.get(phone);
      return row && toSurvey(row);
    },
    // IMMEDIATE: two replies at once both land (a rating and a comment, say).
    change: async (callSid, apply) => change.immediate(callSid, apply),
    optOut: async (phone, at, word) => void optOut.run(phone, at, word),
    isOptedOut: async (phone) => optedOut.get(phone) !== undefined,
    // IMMEDIATE: the write lock is taken before reading, so replies from other processes on the
    // same file wait, and the MessageSid's primary key refuses a second delivery.
    answer: async (reply, decide) => answer.immediate(reply, decide),
  };
}
