import { memorySurveyStore } from '../../../src/services/survey/survey-store';
import { sqliteSurveyStore } from '../../../src/stores/sqlite';
import { surveyStoreContract } from '../contracts/survey-store.contract';
import { sqliteFixture } from '../temp-sqlite';

surveyStoreContract('memory', () => ({ store: memorySurveyStore() }));
surveyStoreContract('sqlite', () => sqliteFixture(sqliteSurveyStore));
