import { randomInt } from 'node:crypto';
import { SLA_MINUTES } from './sla';
import type { Ticket, TicketCategory } from './ticket.schema';
import { TicketIdTakenError, type TicketStore } from './ticket-store';

export type NewTicket = Pick<Ticket, 'key' | 'hotline' | 'category' | 'priority' | 'callSid' | 'callerPhone' | 'lang' | 'summary' | 'path' | 'vars'> & {
  accountId?: string;
  recordingUrl?: string;
};

/** Creates tickets with an 8-digit number a caller can note down, and the SLA due time of their category. */
export function createTicketService(deps: { store: TicketStore; now: () => number; newId?: () => string }) {
  const newId = deps.newId ?? (() => String(randomInt(10_000_000, 100_000_000)));
  const service = {
    async create(input: NewTicket): Promise<Ticket> {
      return (await service.open(input)).ticket;
    },
    /**
     * Like `create`, and says whether this call made the ticket (`created`) or found the one its
     * key already made (a repeat of the same turn, maybe on another server): what follows a new
     * ticket once (the caller's SMS without an outbox) is done by the creator only.
     */
    async open(input: NewTicket): Promise<{ ticket: Ticket; created: boolean }> {
      const createdAt = deps.now();
      const slaMinutes = SLA_MINUTES[input.category as TicketCategory];
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = newId();
        if (await deps.store.get(id)) continue;
        try {
          const ticket = await deps.store.insertOnce({ ...input, id, status: 'open', createdAt, slaMinutes, dueAt: createdAt + slaMinutes * 60_000, notes: [] });
          return { ticket, created: ticket.id === id };
        } catch (err) {
          // Another process took the number between get and insert.
          if (err instanceof TicketIdTakenError) continue;
          throw err;
        }
      }
      throw new Error('could not find a free ticket number after 5 tries');
    },
  };
  return service;
}
export type TicketService = ReturnType<typeof createTicketService>;
