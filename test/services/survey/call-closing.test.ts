import { planSurvey } from '../../../src/services/survey/survey-rules';
import type { CloseDecision } from '../../../src/services/survey/call-closing';
import { sqliteCallStore } from '../../../src/stores/calls/sqlite/sqlite-call-store';
import { sqliteCallClosing, sqliteSmsOutbox, sqliteSurveyStore } from '../../../src/stores/sqlite';
import { aCallRecord } from '../../helpers/store-contracts';
import { tempSqliteDir } from '../temp-sqlite';

const AT = Date.UTC(2026, 10, 23, 2, 0);

/** Closes as the status callback does: completed, with a survey for a caller who pressed a key. */
const closeCompleted: CloseDecision = (record, optedOut) => {
  if (record.endedAt !== undefined) return { record };
  const closed = { ...record, status: 'completed' as const, endedAt: AT };
  const survey = planSurvey(closed, { optedOut, from: '+8610690000001', at: AT });
  return survey ? { record: closed, survey } : { record: closed };
};

describe('closing a call with its survey in SQLite', () => {
  let tmp: ReturnType<typeof tempSqliteDir>;
  beforeEach(() => (tmp = tempSqliteDir()));
  afterEach(() => tmp.remove());

  function stores() {
    const db = tmp.open();
    const calls = sqliteCallStore(db);
    const surveys = sqliteSurveyStore(db);
    const outbox = sqliteSmsOutbox(db);
    return { db, calls, surveys, outbox };
  }
  const answered = aCallRecord('CA1', AT - 60_000, { turns: [{ n: 1, at: AT, input: 'digits', node: 'main', result: 'waiting', ms: 3 }] });

  it('queues one survey SMS however many times the call is closed', async () => {
    const { db, calls, surveys, outbox } = stores();
    await calls.open(answered);
    const closing = sqliteCallClosing(db, { calls, surveys, outbox });
    await closing.close('CA1', closeCompleted, AT);
    await closing.close('CA1', closeCompleted, AT + 1000);
    expect((await outbox.list()).map((m) => [m.key, m.kind])).toEqual([['CA1/survey', 'survey']]);
    expect(await calls.get('CA1')).toMatchObject({ status: 'completed', endedAt: AT });
    expect(await closing.close('CA404', closeCompleted, AT)).toBeUndefined();
  });

  it('leaves the call open, with no survey, when the SMS cannot be queued: all or nothing', async () => {
    const { db, calls, surveys, outbox } = stores();
    await calls.open(answered);
    const broken = {
      ...outbox,
      enqueueSync: () => {
        throw new Error('disk full');
      },
    };
    await expect(sqliteCallClosing(db, { calls, surveys, outbox: broken }).close('CA1', closeCompleted, AT)).rejects.toThrow('disk full');
    expect(await calls.get('CA1')).toMatchObject({ status: 'in-progress' });
    expect(await surveys.get('CA1')).toBeUndefined();
    expect(await outbox.list()).toEqual([]);
  });

  it('sends none to a number that opted out', async () => {
    const { db, calls, surveys, outbox } = stores();
    await calls.open(answered);
    await surveys.optOut('+8613800138000', AT - 1, 'TD');
    await sqliteCallClosing(db, { calls, surveys, outbox }).close('CA1', closeCompleted, AT);
    expect(await outbox.list()).toEqual([]);
    expect(await calls.get('CA1')).toMatchObject({ status: 'completed' });
  });
});
