import type { Logger } from 'pino';
import { tryNormalizeNumber } from '../../hotlines';
import { LanguageSchema } from '../../flow/schema/prompt.schema';
import type { Clock } from '../../platform/clock';
import { SmsRefusedError, type SmsSender } from '../sms/sms-sender';
import type { TicketStore } from '../tickets/ticket-store';
import type { Ticket } from '../tickets/ticket.schema';
import type { CallbackStore } from './callback-store';
import { CALLBACK_TEXTS } from './callback-texts';

/** Every how many minutes a category's open tickets get a progress SMS, or undefined for none. */
export type ProgressEvery = (category: string) => number | undefined;

/** The slot due at `now`: slot k falls `k × every` after the ticket opened (0 before the first). */
export const progressSlotAt = (createdAt: number, everyMinutes: number, now: number) => Math.max(0, Math.floor((now - createdAt) / (everyMinutes * 60_000)));

/**
 * Progress SMS for tickets whose category asks for them (system faults: every 30 minutes) until
 * they are resolved. `flush()` texts each unresolved ticket the slot due now, once: the SMS key
 * names the slot (the outbox queues it once) and the store remembers the last slot sent. A server
 * down for hours sends the current slot, not the ones it missed. Through the SMS guard: past the
 * `ticket_progress` cap the SMS is refused and the slot passes.
 */
export function createProgressTexter(deps: {
  tickets: TicketStore;
  store: CallbackStore;
  sms: SmsSender;
  smsFrom: (hotlineId: string) => string;
  clock: Clock;
  every: ProgressEvery;
  /** The categories to look at (those with `progressEveryMinutes`). */
  categories: readonly Ticket['category'][];
  logger?: Pick<Logger, 'info' | 'warn'>;
}) {
  let running: Promise<number> | undefined;

  async function textOne(ticket: Ticket, now: number): Promise<boolean> {
    const every = deps.every(ticket.category);
    const to = tryNormalizeNumber(ticket.callerPhone);
    if (!every || !to) return false;
    const slot = progressSlotAt(ticket.createdAt, every, now);
    if (slot === 0 || (await deps.store.progressSlot(ticket.id)) >= slot) return false;
    const lang = LanguageSchema.catch('zh-CN').parse(ticket.lang);
    try {
      await deps.sms.send({ key: `ticket/${ticket.id}/progress/${slot}`, to, from: deps.smsFrom(ticket.hotline), body: CALLBACK_TEXTS.progressSms(lang, ticket.id), kind: 'ticket_progress' });
    } catch (err) {
      if (!(err instanceof SmsRefusedError)) throw err;
      deps.logger?.warn({ ticketId: ticket.id, slot, reason: err.reason }, 'progress SMS refused by the SMS guard; this slot passes');
    }
    return deps.store.advanceProgress(ticket.id, slot);
  }

  async function flushOnce(): Promise<number> {
    const now = deps.clock.now();
    let sent = 0;
    for (const category of deps.categories) {
      for (const status of ['open', 'in_progress'] as const) {
        for (const ticket of await deps.tickets.list({ category, status })) if (await textOne(ticket, now)) sent++;
      }
    }
    return sent;
  }

  return {
    /** Texts every slot due now; answers how many. A call while a flush runs joins it. */
    flush(): Promise<number> {
      running ??= flushOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
export type ProgressTexter = ReturnType<typeof createProgressTexter>;
