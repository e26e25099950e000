import { tryNormalizeNumber } from '../../hotlines';
import { withSurveyRefused, type CallClosing } from '../../services/survey/call-closing';
import type { PlannedSurvey } from '../../services/survey/survey-rules';
import type { pgCallStore } from '../calls/postgres/pg-call-store';
import type { SmsGuard } from '../../services/sms/sms-guard';
import { inTransaction, type PgPool } from './open-postgres';
import type { pgSmsCapStore } from './pg-sms-cap-store';
import { enqueueOn } from './pg-sms-outbox';
import { insertSurveyOn, isOptedOutOn } from './pg-survey-store';

/**
 * Closes a call in one PostgreSQL transaction: the record (locked FOR UPDATE, so two servers
 * receiving the same status callback take turns), the survey row and the survey SMS in the outbox
 * commit together or not at all. The second callback finds the record closed and the survey keyed
 * by its call, so it adds nothing: exactly one survey SMS, whichever servers Twilio reaches.
 */
export function pgCallClosing(
  pool: PgPool,
  stores: { calls: ReturnType<typeof pgCallStore>; guard?: Pick<SmsGuard, 'decideAsync'>; caps?: Pick<ReturnType<typeof pgSmsCapStore>, 'takeOn'> },
): CallClosing {
  return {
    close: (callSid, decide, now) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ caller: string }>("SELECT data->>'caller' AS caller FROM calls WHERE call_sid = $1 FOR UPDATE", [callSid]);
        if (!rows[0]) return undefined;
        // The decision is synchronous; read the caller's opt-out first, inside the transaction.
        const phone = tryNormalizeNumber(rows[0].caller) ?? rows[0].caller;
        const optedOut = await isOptedOutOn(client, phone);
        let planned: PlannedSurvey | undefined;
        const closed = await stores.calls.updateOn(client, callSid, (record) => {
          const decision = decide(record, (asked) => {
            if (asked !== phone) throw new Error(`closing call ${callSid} asked about ${asked}, not its caller; read that number's opt-out in pgCallClosing first`);
            return optedOut;
          });
          planned = decision.survey;
          return decision.record;
        });
        // A survey the SMS guard refuses is neither recorded nor queued; its count is taken in this transaction.
        const { guard, caps } = stores;
        const refused = closed && planned && guard && caps ? await guard.decideAsync(planned.sms, (counts, key) => caps.takeOn(client, counts, now, key)) : undefined;
        if (refused) return stores.calls.updateOn(client, callSid, (r) => withSurveyRefused(r, refused, now));
        if (closed && planned && (await insertSurveyOn(client, planned.survey))) await enqueueOn(client, planned.sms, now);
        return closed;
      }),
  };
}
