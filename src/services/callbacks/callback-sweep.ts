import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock';
import type { TicketStore } from '../tickets/ticket-store';
import type { Ticket } from '../tickets/ticket.schema';
import type { CallbackJob } from './callback-job';
import type { CallbackStore } from './callback-store';

/** How often the sweep looks, and how far back. */
export const SWEEP_RULES = { everyMs: 5 * 60_000, lookbackMs: 24 * 60 * 60_000 } as const;

/**
 * Finds tickets that promise a call back and have none scheduled: the ticket was stored and the
 * server died before its job was (they are two writes), and Twilio does not retry a voice webhook
 * that failed. `run()` schedules them; it looks at most every `everyMs` (other calls return 0) at
 * the unresolved tickets of the called-back categories opened in the last `lookbackMs`.
 */
export function createCallbackSweep(deps: {
  tickets: TicketStore;
  store: CallbackStore;
  schedule: (ticket: Ticket) => Promise<CallbackJob | undefined>;
  /** The categories whose tickets are called back. */
  categories: readonly string[];
  clock: Clock;
  logger?: Pick<Logger, 'warn'>;
  everyMs?: number;
  lookbackMs?: number;
}) {
  const everyMs = deps.everyMs ?? SWEEP_RULES.everyMs;
  const lookbackMs = deps.lookbackMs ?? SWEEP_RULES.lookbackMs;
  let lastRun = -Infinity;
  return {
    async run(): Promise<number> {
      const now = deps.clock.now();
      if (now < lastRun + everyMs) return 0;
      lastRun = now;
      const since = now - lookbackMs;
      const scheduled = new Set((await deps.store.list({ createdFrom: since })).map((j) => j.ticketId));
      let found = 0;
      for (const category of deps.categories) {
        for (const status of ['open', 'in_progress'] as const) {
          for (const ticket of await deps.tickets.list({ category, status })) {
            if (ticket.createdAt < since || scheduled.has(ticket.id)) continue;
            if (await deps.schedule(ticket)) {
              found++;
              deps.logger?.warn({ ticketId: ticket.id, category }, 'a ticket promising a call back had none scheduled (its server died in between); scheduled now');
            }
          }
        }
      }
      return found;
    },
  };
}
export type CallbackSweep = ReturnType<typeof createCallbackSweep>;
