import { memorySmsOutbox } from '../../../src/services/sms/sms-outbox';
import { sqliteSmsOutbox } from '../../../src/stores/sqlite';
import { smsOutboxContract } from '../contracts/sms-outbox.contract';
import { sqliteFixture } from '../temp-sqlite';

smsOutboxContract('memory', () => ({ store: memorySmsOutbox() }));
smsOutboxContract('sqlite', () => sqliteFixture(sqliteSmsOutbox));
