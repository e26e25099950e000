import { tryNormalizeNumber } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import { LanguageSchema } from '../../flow/schema/prompt.schema';
import { SmsRefusedError, type SmsSender } from '../sms/sms-sender';
import { SMS_TEXTS } from '../sms/sms-texts';
import { applyTicketPatch, resolution, type TicketPatch } from './ticket-changes';
import type { TicketQuery, TicketStore } from './ticket-store';
import type { Ticket } from './ticket.schema';

/**
 * What staff do with tickets (the admin API): find them, move them on, note what was done.
 * Resolving texts the caller the result, once: the SMS key is the ticket's, so a retried or
 * repeated "resolved" queues nothing new.
 */
export function createTicketDesk(deps: { store: TicketStore; sms: SmsSender; smsFrom: (hotlineId: string) => string; clock: Clock }) {
  return {
    list: (query: TicketQuery): Promise<Ticket[]> => deps.store.list(query),
    get: (id: string): Promise<Ticket | undefined> => deps.store.get(id),
    /** Applies a staff change; undefined for an unknown ticket; throws TicketChangeError when not allowed. */
    async change(id: string, patch: TicketPatch): Promise<Ticket | undefined> {
      const at = deps.clock.now();
      const ticket = await deps.store.change(id, (t) => applyTicketPatch(t, patch, at));
      const result = ticket && patch.status === 'resolved' ? resolution(ticket) : undefined;
      const to = ticket && tryNormalizeNumber(ticket.callerPhone);
      if (ticket && result !== undefined && to) {
        const lang = LanguageSchema.catch('zh-CN').parse(ticket.lang);
        try {
          await deps.sms.send({ key: `ticket/${ticket.id}/resolved`, to, from: deps.smsFrom(ticket.hotline), body: SMS_TEXTS.ticketResolved(lang, ticket.id, result), kind: 'ticket_result' });
        } catch (err) {
          // The change stands; the SMS guard logged and counted why the caller is not texted.
          if (!(err instanceof SmsRefusedError)) throw err;
        }
      }
      return ticket;
    },
  };
}
export type TicketDesk = ReturnType<typeof createTicketDesk>;
