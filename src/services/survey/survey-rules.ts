import { tryNormalizeNumber } from '../../hotlines';
import type { CallRecord } from '../../stores/calls/call-record';
import type { SmsMessage } from '../sms/sms-sender';
import type { Survey } from './survey.schema';
import { SURVEY_TEXTS } from './survey-texts';

/**
 * Whether the caller got past the greeting: they answered at least one of the flow's questions
 * (keys, speech or a message), or were put through to a person. A caller who hangs up during the
 * greeting, or never answers and is never served, is not asked about a service they did not get.
 */
export function gotPastGreeting(call: CallRecord): boolean {
  return call.transfer !== undefined || call.turns.some((t) => t.n > 0 && (t.input === 'digits' || t.input === 'speech' || t.input === 'recording'));
}

export type PlannedSurvey = { survey: Survey; sms: SmsMessage };

/**
 * The survey a call that has just been closed gets, if any (pure): one SMS in the call's language,
 * for a completed call past the greeting, from a number that can be texted and has not opted out.
 * Its key is the call's, so however often it is planned, one SMS is queued.
 */
export function planSurvey(closed: CallRecord, ctx: { optedOut: (phone: string) => boolean; from: string; at: number }): PlannedSurvey | undefined {
  if (closed.status !== 'completed' || !gotPastGreeting(closed)) return undefined;
  const phone = tryNormalizeNumber(closed.caller);
  if (!phone || ctx.optedOut(phone)) return undefined;
  const smsKey = `${closed.callSid}/survey`;
  return {
    survey: { callSid: closed.callSid, phone, hotline: closed.hotline, lang: closed.lang, smsKey, createdAt: ctx.at },
    sms: { key: smsKey, to: phone, from: ctx.from, body: SURVEY_TEXTS[closed.lang].ask, kind: 'survey' },
  };
}
