import { tryNormalizeNumber } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import type { CallRecord } from '../../stores/calls/call-record';
import type { OutboxStatus, SmsOutbox } from '../sms/sms-outbox';
import type { TicketStore } from '../tickets/ticket-store';
import type { CallClosing } from './call-closing';
import { decideReply, type ReplyKind } from './reply-rules';
import { parseSmsReply } from './sms-reply';
import { planSurvey } from './survey-rules';
import type { SurveyStore } from './survey-store';

/** A survey as the admin API shows it beside its call. */
export type SurveyView = {
  /** When the SMS left (Twilio accepted it); null while it waits in the outbox or failed. */
  sentAt: number | null;
  sms: OutboxStatus;
  rating: number | null;
  ratedAt: number | null;
  comment: string | null;
};

/** An SMS a caller sent us, and what became of it: `answer` is the text to answer with, if any. */
export type ReplyOutcome = { kind: ReplyKind; callSid?: string; answer?: string; rating?: number };

/**
 * The after-call satisfaction survey: queued as the call closes, answered by SMS (a 1–5 rating,
 * a comment, STOP or START), shown beside the call.
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
     * A caller texted one of our numbers (`messageSid`: Twilio's id of that SMS). A rating or a
     * comment goes to the newest survey sent to that number, within the reply window (and a rating
     * to the tickets of that call too); STOP, 退订 and their kin opt the number out of every later
     * survey, START, UNSTOP and 订阅 back in. The rules are `decideReply`'s: one thanks per survey,
     * confirmations only of a change. An SMS seen before (Twilio delivered the webhook again, to
     * this server or another) changes nothing and is answered with nothing.
     */
    async reply(messageSid: string, from: string, body: string): Promise<ReplyOutcome> {
      const phone = tryNormalizeNumber(from) ?? from;
      const parsed = parseSmsReply(body);
      const at = deps.clock.now();
      const decision = await deps.surveys.answer({ messageSid, phone, at }, (seen) => decideReply(parsed, seen, at));
      if (!decision) return { kind: 'duplicate' };
      const { kind, callSid, answer, rating } = decision;
      // The tickets keep a copy of the rating for the desk; a crash before this line leaves the
      // copy unset while the survey has the rating (the survey is what reports read).
      if (rating !== undefined && callSid) for (const t of await deps.tickets.list({ callSid })) await deps.tickets.change(t.id, (x) => ({ ...x, rating }));
      return { kind, ...(callSid ? { callSid } : {}), ...(answer ? { answer } : {}), ...(rating !== undefined ? { rating } : {}) };
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
