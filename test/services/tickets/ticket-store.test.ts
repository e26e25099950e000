import { memoryTicketStore } from '../../../src/services/tickets/ticket-store';
import { sqliteTicketStore } from '../../../src/stores/sqlite';
import { ticketStoreContract } from '../contracts/ticket-store.contract';
import { sqliteFixture } from '../temp-sqlite';
import { pgTicketStore } from '../../../src/stores/postgres';
import { describeWith, testSchema } from '../../helpers/external-services';

ticketStoreContract('memory', () => ({ store: memoryTicketStore() }));
ticketStoreContract('sqlite', () => sqliteFixture(sqliteTicketStore));

describeWith({ postgres: true }, 'over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  ticketStoreContract('postgres', async () => ({ store: pgTicketStore(await db.fresh()) }));
});
