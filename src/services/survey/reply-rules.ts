import type { SmsReply } from './sms-reply';
import type { Survey } from './survey.schema';
import { SURVEY_TEXTS } from './survey-texts';

/**
 * How long after a survey was queued (the call's end) a reply still answers it: 7 days. A rule,
 * not a setting: a rating later than that says little about the call, and an old survey must not
 * stay a way to make us text a number. Later replies are ignored: no thanks, nothing recorded.
 * Opting out or back in works at any time.
 */
export const SURVEY_REPLY_WINDOW_MS = 7 * 24 * 60 * 60_000;

/**
 * The most a survey keeps of the caller's comments, all replies together, in characters (code
 * points): 500. A longer text is cut and ends with `COMMENT_CUT_MARK`, never refused; once full,
 * later comments add nothing. This bounds what one number can make us store.
 */
export const SURVEY_COMMENT_MAX_CHARS = 500;
export const COMMENT_CUT_MARK = '…';

/** What became of an SMS a caller sent us. */
export type ReplyKind = SmsReply['kind'] | 'no-survey' | 'late' | 'duplicate';

/**
 * What one reply does (decided by `decideReply`, stored by `SurveyStore.answer` in one step):
 * the survey as changed, an opt-out or opt-in to record, and the text to answer, if any.
 */
export type ReplyDecision = {
  kind: ReplyKind;
  /** The survey the reply answers (also a late one, for the log). */
  callSid?: string;
  rating?: number;
  /** The text to answer with; only the first thanks of a survey, or a changed opt-out state. */
  answer?: string;
  /** The survey to store, when the reply changed it. */
  survey?: Survey;
  /** The number opts out, with the word it used. */
  optOut?: string;
  /** The number opts back in. */
  optIn?: true;
};

/** `existing` comments with `text` added on a line of its own, cut to the cap with a mark (pure). */
export function appendComment(existing: string | undefined, text: string): string {
  const joined = existing === undefined ? text : `${existing}\n${text}`;
  const chars = Array.from(joined);
  if (chars.length <= SURVEY_COMMENT_MAX_CHARS) return joined;
  return `${chars.slice(0, SURVEY_COMMENT_MAX_CHARS - COMMENT_CUT_MARK.length).join('')}${COMMENT_CUT_MARK}`;
}

/**
 * What a reply does, given the newest survey sent to its number and whether the number opted out
 * (pure). A rating or a comment counts only within the reply window; a survey is thanked once, for
 * its first answer, so an auto-responder answering our thanks gets nothing back; an opt-out or
 * opt-in is confirmed only when it changes something (a repeated 退订 gets no second answer), only
 * to a number we surveyed (a stranger's SMS makes us text nobody), and not at all for the words
 * Twilio answers itself. A number that opted out is never thanked.
 */
export function decideReply(reply: SmsReply, seen: { latest?: Survey; optedOut: boolean }, at: number): ReplyDecision {
  const { latest, optedOut } = seen;
  const about = latest ? { callSid: latest.callSid } : {};
  if (reply.kind === 'optOut' || reply.kind === 'optIn') {
    const changes = reply.kind === 'optOut' ? !optedOut : optedOut;
    if (!changes) return { kind: reply.kind, ...about };
    const texts = SURVEY_TEXTS[latest?.lang ?? reply.lang];
    const answer = reply.byTwilio || !latest ? {} : { answer: reply.kind === 'optOut' ? texts.optedOut : texts.optedIn };
    return { kind: reply.kind, ...about, ...answer, ...(reply.kind === 'optOut' ? { optOut: reply.word } : { optIn: true }) };
  }
  if (reply.kind === 'empty') return { kind: 'empty' };
  if (!latest) return { kind: 'no-survey' };
  if (at - latest.createdAt > SURVEY_REPLY_WINDOW_MS) return { kind: 'late', ...about };

  const thank = latest.thankedAt === undefined && !optedOut;
  const thanked = thank ? { thankedAt: at } : {};
  const texts = SURVEY_TEXTS[latest.lang];
  if (reply.kind === 'rating') {
    const survey = { ...latest, rating: reply.rating, ratedAt: at, ...thanked };
    return { kind: 'rating', ...about, rating: reply.rating, survey, ...(thank ? { answer: texts.thanksRating } : {}) };
  }
  const survey = { ...latest, comment: appendComment(latest.comment, reply.text), commentedAt: at, ...thanked };
  return { kind: 'comment', ...about, survey, ...(thank ? { answer: texts.thanksComment } : {}) };
}
