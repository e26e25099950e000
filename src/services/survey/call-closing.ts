import { tryNormalizeNumber } from '../../hotlines';
import type { CallRecord } from '../../stores/calls/call-record';
import type { CallStore } from '../../stores/calls/call-store';
import { SmsRefusedError, type SmsSender } from '../sms/sms-sender';
import type { PlannedSurvey } from './survey-rules';
import type { SurveyStore } from './survey-store';

/** The closed record noting that its survey SMS was refused by the SMS guard (pure). */
export function withSurveyRefused(record: CallRecord, refusal: SmsRefusedError, at: number): CallRecord {
  return { ...record, smsRefused: [...(record.smsRefused ?? []), { at, kind: 'survey', reason: refusal.reason }] };
}

/** What closing a call does (pure): the closed record, and the survey to send, if any. */
export type CloseDecision = (record: CallRecord, optedOut: (phone: string) => boolean) => { record: CallRecord; survey?: PlannedSurvey };

/**
 * Closes a call record and queues its survey SMS together. In SQLite the record, the survey and
 * the outbox row commit in one transaction (see `sqliteCallClosing`), so a duplicate status
 * callback or a crash between the two can never send two surveys nor lose one.
 */
export interface CallClosing {
  /** The closed record, or undefined when the call is unknown. */
  close(callSid: string, decide: CloseDecision, now: number): Promise<CallRecord | undefined>;
}

/**
 * Memory mode: the record is closed, then the survey recorded and its SMS sent at once. Not one
 * transaction (nothing here survives a crash anyway); the survey's key still allows one per call.
 */
export function memoryCallClosing(deps: { calls: CallStore; surveys: SurveyStore; sms: SmsSender }): CallClosing {
  return {
    async close(callSid, decide, now) {
      const current = await deps.calls.get(callSid);
      if (!current) return undefined;
      const optedOut = await deps.surveys.isOptedOut(tryNormalizeNumber(current.caller) ?? current.caller);
      let planned: PlannedSurvey | undefined;
      const closed = await deps.calls.update(callSid, (r) => {
        const decision = decide(r, () => optedOut);
        planned = decision.survey;
        return decision.record;
      });
      if (planned && (await deps.surveys.insert(planned.survey))) {
        // `sms` is the guarded sender: a refusal (logged and counted there) is noted on the closed
        // call. Unlike the SQLite and PostgreSQL closings, the survey row stays (memory mode only).
        const refused = await deps.sms.send(planned.sms).then(
          () => undefined,
          (err: unknown) => {
            if (err instanceof SmsRefusedError) return err;
            throw err;
          },
        );
        if (refused) return deps.calls.update(callSid, (r) => withSurveyRefused(r, refused, now));
      }
      return closed;
    },
  };
}
