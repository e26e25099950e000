import { pgCallStore } from '../../../src/stores/calls/postgres/pg-call-store';
import { sqliteCallStore } from '../../../src/stores/calls/sqlite/sqlite-call-store';
import { SimulatedClock } from '../../../src/platform/clock';
import type { CallClosing, CloseDecision } from '../../../src/services/survey/call-closing';
import { planSurvey } from '../../../src/services/survey/survey-rules';
import { createSmsGuard } from '../../../src/services/sms/sms-guard';
import { DEFAULT_CAPS, type SmsPolicy } from '../../../src/services/sms/sms-policy';
import type { SmsMessage } from '../../../src/services/sms/sms-sender';
import type { SmsRefusedError } from '../../../src/services/sms/sms-sender';
import type { CallStore } from '../../../src/stores/calls/call-store';
import { pgCallClosing, pgSmsCapStore, pgSmsOutbox, pgSurveyStore } from '../../../src/stores/postgres';
import { sqliteCallClosing, sqliteSmsCapStore, sqliteSmsOutbox, sqliteSurveyStore } from '../../../src/stores/sqlite';
import type { SmsOutbox } from '../../../src/services/sms/sms-outbox';
import type { SurveyStore } from '../../../src/services/survey/survey-store';
import { aCallRecord } from '../../helpers/store-contracts';
import { describeWith, testSchema } from '../../helpers/external-services';
import { tempSqliteDir } from '../temp-sqlite';

const AT = Date.UTC(2026, 10, 23, 2, 0);
const POLICY: SmsPolicy = { allowedCountries: ['CN', 'GB'], caps: DEFAULT_CAPS, globalPerHour: 1000 };

const closeCompleted =
  (at: number): CloseDecision =>
  (record, optedOut) => {
    if (record.endedAt !== undefined) return { record };
    const closed = { ...record, status: 'completed' as const, endedAt: at };
    const survey = planSurvey(closed, { optedOut, from: '+8610690000001', at });
    return survey ? { record: closed, survey } : { record: closed };
  };

type World = { closing: CallClosing; calls: CallStore; surveys: SurveyStore; outbox: SmsOutbox; refused: { message: SmsMessage; refusal: SmsRefusedError }[] };

/** The survey SMS queued as a call closes goes through the guard, in the closing's own transaction. */
function surveyGuardSuite(name: string, make: () => Promise<World & { close(): Promise<void> | void }>) {
  describe(`the survey SMS of a closing call, guarded (${name})`, () => {
    let world: World & { close(): Promise<void> | void };
    beforeEach(async () => (world = await make()));
    afterEach(() => world.close());

    const answered = (sid: string, caller: string, at: number) =>
      aCallRecord(sid, at - 60_000, { caller, turns: [{ n: 1, at, input: 'digits', node: 'main', result: 'waiting', ms: 3 }] });

    it('queues one survey a day to a number: the second call of the day closes with no survey row and no SMS', async () => {
      await world.calls.open(answered('CA1', '+8613800138000', AT));
      await world.calls.open(answered('CA2', '+8613800138000', AT + 60_000));
      await world.closing.close('CA1', closeCompleted(AT), AT);
      await world.closing.close('CA2', closeCompleted(AT + 120_000), AT + 120_000);
      expect((await world.outbox.list()).map((m) => m.key)).toEqual(['CA1/survey']);
      expect(await world.surveys.get('CA2')).toBeUndefined();
      expect(await world.calls.get('CA2')).toMatchObject({ status: 'completed', smsRefused: [{ at: AT + 120_000, kind: 'survey', reason: 'destination_cap' }] });
      expect((await world.calls.get('CA1'))?.smsRefused).toBeUndefined();
      expect(world.refused.map((r) => r.refusal.reason)).toEqual(['destination_cap']);
    });

    it('queues no survey to a premium-rate number, and a duplicate callback asks the guard nothing more', async () => {
      await world.calls.open(answered('CA3', '+449090123456', AT));
      await world.closing.close('CA3', closeCompleted(AT), AT);
      await world.closing.close('CA3', closeCompleted(AT), AT + 1000);
      expect(await world.outbox.list()).toEqual([]);
      expect((await world.calls.get('CA3'))?.smsRefused).toEqual([{ at: AT, kind: 'survey', reason: 'number_type_not_allowed' }]);
      expect(world.refused.map((r) => [r.message.kind, r.refusal.reason])).toEqual([['survey', 'number_type_not_allowed']]);
    });
  });
}

surveyGuardSuite('SQLite', async () => {
  const tmp = tempSqliteDir();
  const db = tmp.open();
  const refused: World['refused'] = [];
  const guard = createSmsGuard({ policy: POLICY, caps: sqliteSmsCapStore(db), clock: new SimulatedClock(AT), onRefused: (message, refusal) => refused.push({ message, refusal }) });
  const calls = sqliteCallStore(db);
  const surveys = sqliteSurveyStore(db);
  const outbox = sqliteSmsOutbox(db);
  const closing = sqliteCallClosing(db, { calls, surveys, outbox, guard, caps: sqliteSmsCapStore(db) });
  return { closing, calls, surveys, outbox, refused, close: () => tmp.remove() };
});

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  surveyGuardSuite('PostgreSQL', async () => {
    const pool = await db.fresh();
    const refused: World['refused'] = [];
    const caps = pgSmsCapStore(pool);
    const guard = createSmsGuard({ policy: POLICY, caps, clock: new SimulatedClock(AT), onRefused: (message, refusal) => refused.push({ message, refusal }) });
    const calls = pgCallStore(pool);
    return { closing: pgCallClosing(pool, { calls, guard, caps }), calls, surveys: pgSurveyStore(pool), outbox: pgSmsOutbox(pool), refused, close: () => undefined };
  });
});
