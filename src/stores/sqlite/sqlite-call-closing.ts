import { withSurveyRefused, type CallClosing, type CloseDecision } from '../../services/survey/call-closing';
import type { PlannedSurvey } from '../../services/survey/survey-rules';
import type { CallRecord } from '../../stores/calls/call-record';
import type { sqliteCallStore } from '../calls/sqlite/sqlite-call-store';
import type { SmsGuard } from '../../services/sms/sms-guard';
import type { SqliteDatabase } from './open-sqlite';
import { soloWrites, type WriteGroup } from './write-group';
import type { sqliteSmsCapStore } from './sqlite-sms-cap-store';
import type { sqliteSmsOutbox } from './sqlite-sms-outbox';
import type { sqliteSurveyStore } from './sqlite-survey-store';

/**
 * Closes a call in one IMMEDIATE transaction on one connection: the record, the survey row and
 * the survey SMS in the outbox commit together or not at all. A duplicate status callback finds
 * the record closed and the survey keyed by its call, so it adds nothing; a restart after the
 * commit finds the SMS waiting in the outbox, sent once by whichever process flushes it. With a
 * guard, a survey SMS it refuses (a premium-rate number, the number's daily survey already sent)
 * is not queued and its survey not recorded; the count is taken in the same transaction.
 */
export function sqliteCallClosing(
  db: SqliteDatabase,
  stores: {
    calls: ReturnType<typeof sqliteCallStore>;
    surveys: ReturnType<typeof sqliteSurveyStore>;
    outbox: ReturnType<typeof sqliteSmsOutbox>;
    guard?: Pick<SmsGuard, 'decide'>;
    caps?: Pick<ReturnType<typeof sqliteSmsCapStore>, 'takeSync'>;
    /** The server's write group: the closing joins its group commit (a savepoint of it); default: a transaction of its own. */
    writes?: WriteGroup;
  },
): CallClosing {
  const writes = stores.writes ?? soloWrites(db);
  const close = (callSid: string, decide: CloseDecision, now: number): CallRecord | undefined => {
    let planned: PlannedSurvey | undefined;
    const closed = stores.calls.updateSync(callSid, (record) => {
      const decision = decide(record, (phone) => stores.surveys.isOptedOutSync(phone));
      planned = decision.survey;
      return decision.record;
    });
    const { guard, caps } = stores;
    const sms = planned?.sms;
    const refused = closed && sms && guard && caps ? guard.decide(sms, (counts, key) => caps.takeSync(counts, now, key)) : undefined;
    if (refused) return stores.calls.updateSync(callSid, (r) => withSurveyRefused(r, refused, now));
    if (closed && planned && stores.surveys.insertSync(planned.survey)) stores.outbox.enqueueSync(planned.sms, now);
    return closed;
  };
  return { close: (callSid, decide, now) => writes.run(() => close(callSid, decide, now)) };
}
