import { tryNormalizeNumber } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import type { CallRecord } from '../../stores/calls/call-record';
import type { OutboxStatus, SmsOutbox } from '../sms/sms-outbox';
import type { TicketStore } from '../tickets/ticket-store';
import type { CallClosing } from './call-closing';
import { parseSmsReply, type SmsReply } from './sms-reply';
import { planSurvey } from './survey-rules';
import type { SurveyStore } from './survey-store';
import { SURVEY_TEXTS } from './survey-texts';

/** A survey as the admin API shows it beside its call. */
export type SurveyView = {
  /** When the SMS left (Twilio accepted it); null while it waits in the outbox or failed. */
  sentAt: number | null;
  sms: OutboxStatus;
  rating: number | null;
  ratedAt: number | null;
  comment: string | null;
};

/** An SMS a caller sent us, and what became of it. */
export type ReplyOutcome = { kind: SmsReply['kind'] | 'no-survey'; callSid?: string; answer?: string; rating?: number };

/**
 * The after-call satisfaction survey: queued as the call closes, answered by SMS (a 1–5 rating,
 * a comment, or STOP), shown beside the call.
 */
export function createSurveyService(deps: {
  closing: CallClosing;
  surveys: SurveyStore;
  tickets: TicketStore;
  /** Where the survey SMS waits; without one (memory mode) it was sent at once. */
  outbox?: SmsOutbox;
  smsFrom: (hotlineId: string) => string;
  clock: Clock;
}) {
  return {
    /**
     * Twilio's status callback said the call is over: close its record and, the first time only,
     * queue its survey in the same step. Undefined for an unknown call.
     */
    closeCall(callSid: string, closeRecord: (r: CallRecord) => CallRecord): Promise<CallRecord | undefined> {
      const at = deps.clock.now();
      return deps.closing.close(
        callSid,
        (record, optedOut) => {
          const closed = closeRecord(record);
          // Already closed by an earlier callback: it planned the survey then, if any.
          if (record.endedAt !== undefined) return { record: closed };
          const survey = planSurvey(closed, { optedOut, from: deps.smsFrom(closed.hotline), at });
          return survey ? { record: closed, survey } : { record: closed };
        },
        at,
      );
    },

    /**
     * A caller texted one of our numbers. A rating or a comment goes to the newest survey sent to
     * that number (and a rating to the tickets of that call too); STOP and its kin opt the number
     * out of every later survey. Answers the thanks to text back, in the survey's language.
     */
    async reply(from: string, body: string): Promise<ReplyOutcome> {
      const phone = tryNormalizeNumber(from) ?? from;
      const parsed = parseSmsReply(body);
      const at = deps.clock.now();
      const latest = await deps.surveys.latestFor(phone);
      if (parsed.kind === 'optOut') {
        await deps.surveys.optOut(phone, at, body.trim());
        return { kind: 'optOut', answer: SURVEY_TEXTS[latest?.lang ?? parsed.lang].optedOut, ...(latest ? { callSid: latest.callSid } : {}) };
      }
      if (parsed.kind === 'empty') return { kind: 'empty' };
      if (!latest) return { kind: 'no-survey' };
      const texts = SURVEY_TEXTS[latest.lang];
      if (parsed.kind === 'rating') {
        await deps.surveys.change(latest.callSid, (s) => ({ ...s, rating: parsed.rating, ratedAt: at }));
        for (const t of await deps.tickets.list({ callSid: latest.callSid })) await deps.tickets.change(t.id, (x) => ({ ...x, rating: parsed.rating }));
        return { kind: 'rating', callSid: latest.callSid, answer: texts.thanksRating, rating: parsed.rating };
      }
      await deps.surveys.change(latest.callSid, (s) => ({ ...s, comment: s.comment ? `${s.comment}\n${parsed.text}` : parsed.text, commentedAt: at }));
      return { kind: 'comment', callSid: latest.callSid, answer: texts.thanksComment };
    },

    /** The survey of a call for the admin API, null when it got none. */
    async forCall(callSid: string): Promise<SurveyView | null> {
      const survey = await deps.surveys.get(callSid);
      if (!survey) return null;
      const entry = deps.outbox ? await deps.outbox.get(survey.smsKey) : undefined;
      return {
        sentAt: deps.outbox ? (entry?.sentAt ?? null) : survey.createdAt,
        sms: entry?.status ?? 'sent',
        rating: survey.rating ?? null,
        ratedAt: survey.ratedAt ?? null,
        comment: survey.comment ?? null,
      };
    },
  };
}
export type SurveyService = ReturnType<typeof createSurveyService>;
