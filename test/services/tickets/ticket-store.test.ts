import { memoryTicketStore } from '../../../src/services/tickets/ticket-store';
import { sqliteTicketStore } from '../../../src/stores/sqlite';
import { ticketStoreContract } from '../contracts/ticket-store.contract';
import { sqliteFixture } from '../temp-sqlite';

ticketStoreContract('memory', () => ({ store: memoryTicketStore() }));
ticketStoreContract('sqlite', () => sqliteFixture(sqliteTicketStore));
