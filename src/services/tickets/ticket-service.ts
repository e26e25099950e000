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
  return {
    async create(input: NewTicket): Promise<Ticket> {
      const createdAt = deps.now();
      const slaMinutes = SLA_MINUTES[input.category as TicketCategory];
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = newId();
        if (await deps.store.get(id)) continue;
        try {
          return await deps.store.insertOnce({ ...input, id, status: 'open', createdAt, slaMinutes, dueAt: createdAt + slaMinutes * 60_000, notes: [] });
        } catch (err) {
          // Another process took the number between get and insert.
          if (err instanceof TicketIdTakenError) continue;
          throw err;
        }
      }
      throw new Error('could not find a free ticket number after 5 tries');
    },
  };
}
export type TicketService = ReturnType<typeof createTicketService>;
