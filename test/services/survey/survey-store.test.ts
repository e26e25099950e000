import { memorySurveyStore } from '../../../src/services/survey/survey-store';
import { sqliteSurveyStore } from '../../../src/stores/sqlite';
import { surveyStoreContract } from '../contracts/survey-store.contract';
import { sqliteFixture } from '../temp-sqlite';
import { pgSurveyStore } from '../../../src/stores/postgres';
import { describeWith, testSchema } from '../../helpers/external-services';

surveyStoreContract('memory', () => ({ store: memorySurveyStore() }));
surveyStoreContract('sqlite', () => sqliteFixture(sqliteSurveyStore));

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  surveyStoreContract('postgres', async () => ({ store: pgSurveyStore(await db.fresh()) }));
});
