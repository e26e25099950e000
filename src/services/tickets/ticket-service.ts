import { randomInt } from 'node:crypto';
import type { Ticket } from './ticket.schema';
import { TicketIdTakenError, type TicketStore } from './ticket-store';
import { isAnonymousCaller } from '../sms/sms-policy';

export type NewTicket = Pick<Ticket, 'key' | 'hotline' | 'category' | 'priority' | 'callSid' | 'callerPhone' | 'lang' | 'summary' | 'path' | 'vars'> & {
  accountId?: string;
  recordingUrl?: string;
};

/**
 * How long a caller's unresolved ticket takes their next call about the same thing: a second call
 * within a day adds a note to it instead of opening another ticket (the caller hears the same
 * number). It also keeps one number, forged or not, from filling the desk with tickets.
 */
export const REPEAT_TICKET_WINDOW_MS = 24 * 60 * 60_000;

/** A caller ID that names one person: withheld or unparseable ones would merge strangers' tickets. */
const identifiesCaller = (phone: string) => /^\+\d{7,15}$/.test(phone) && !isAnonymousCaller(phone);

/** Creates tickets with an 8-digit number a caller can note down, and the SLA due time of their category. */
export function createTicketService(deps: {
  store: TicketStore;
  now: () => number;
  /** The reply promise of a category, in minutes (ticket-categories.yaml: see slaMinutesOf). */
  slaMinutes: (category: string) => number;
  newId?: () => string;
  /**
   * What follows a ticket this turn made or found by its key (the call back it promises). Asked
   * again on every repeat of the turn, so it must be idempotent; a failure fails the turn, whose
   * retry asks again.
   */
  onOpened?: (ticket: Ticket) => Promise<unknown>;
}) {
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
    async open(input: NewTicket): Promise<{ ticket: Ticket; created: boolean; repeated?: true }> {
      const createdAt = deps.now();
      const earlier = await service.unresolvedFromCaller(input, createdAt);
      if (earlier) {
        // Another call (or another delivery of this turn: the note names the call, so it is added once).
        const line = `再次来电 ${input.callSid}${input.recordingUrl ? `，留言录音 ${input.recordingUrl}` : ''}`;
        const noted = await deps.store.change(earlier.id, (t) => (t.notes.some((n) => n.text.includes(input.callSid)) ? t : { ...t, notes: [...t.notes, { at: createdAt, text: line }] }));
        return { ticket: noted ?? earlier, created: false, repeated: true };
      }
      const slaMinutes = deps.slaMinutes(input.category);
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = newId();
        if (await deps.store.get(id)) continue;
        try {
          const ticket = await deps.store.insertOnce({ ...input, id, status: 'open', createdAt, slaMinutes, dueAt: createdAt + slaMinutes * 60_000, notes: [] });
          await deps.onOpened?.(ticket);
          return { ticket, created: ticket.id === id };
        } catch (err) {
          // Another process took the number between get and insert.
          if (err instanceof TicketIdTakenError) continue;
          throw err;
        }
      }
      throw new Error('could not find a free ticket number after 5 tries');
    },
    /**
     * The caller's unresolved ticket of this category opened by an earlier call within
     * REPEAT_TICKET_WINDOW_MS, if any. Not atomic with the insert: two calls from one number in the
     * same instant may still open two tickets.
     */
    async unresolvedFromCaller(input: NewTicket, now: number): Promise<Ticket | undefined> {
      if (!identifiesCaller(input.callerPhone)) return undefined;
      for (const status of ['open', 'in_progress'] as const) {
        const mine = await deps.store.list({ phone: input.callerPhone, category: input.category, status });
        const recent = mine.filter((t) => t.callSid !== input.callSid && t.createdAt > now - REPEAT_TICKET_WINDOW_MS).at(-1);
        if (recent) return recent;
      }
      return undefined;
    },
  };
  return service;
}
export type TicketService = ReturnType<typeof createTicketService>;
