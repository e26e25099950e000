import { memoryOtpStore } from '../../../src/services/identity/otp-store';
import { sqliteOtpStore } from '../../../src/stores/sqlite';
import { otpStoreContract } from '../contracts/otp-store.contract';
import { sqliteFixture } from '../temp-sqlite';

otpStoreContract('memory', () => ({ store: memoryOtpStore() }));
otpStoreContract('sqlite', () => sqliteFixture(sqliteOtpStore));
