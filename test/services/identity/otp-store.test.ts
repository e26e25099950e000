import { memoryOtpStore } from '../../../src/services/identity/otp-store';
import { sqliteOtpStore } from '../../../src/stores/sqlite';
import { otpStoreContract } from '../contracts/otp-store.contract';
import { sqliteFixture } from '../temp-sqlite';
import { pgOtpStore } from '../../../src/stores/postgres';
import { describeWith, testSchema } from '../../helpers/external-services';

otpStoreContract('memory', () => ({ store: memoryOtpStore() }));
otpStoreContract('sqlite', () => sqliteFixture(sqliteOtpStore));

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  otpStoreContract('postgres', async () => ({ store: pgOtpStore(await db.fresh()) }));
});
