import { memorySmsOutbox } from '../../../src/services/sms/sms-outbox';
import { sqliteSmsOutbox } from '../../../src/stores/sqlite';
import { smsOutboxContract } from '../contracts/sms-outbox.contract';
import { sqliteFixture } from '../temp-sqlite';
import { pgSmsOutbox } from '../../../src/stores/postgres';
import { describeWith, testSchema } from '../../helpers/external-services';

smsOutboxContract('memory', () => ({ store: memorySmsOutbox() }));
smsOutboxContract('sqlite', () => sqliteFixture(sqliteSmsOutbox));

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  smsOutboxContract('postgres', async () => ({ store: pgSmsOutbox(await db.fresh()) }));
});
