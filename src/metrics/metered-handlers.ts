import type { EffectHandlers } from '../call/effect-handlers';
import type { IvrMetrics } from './ivr-metrics';

/**
 * The effect handlers, counting each ticket made, by category: the flows' `ticket` nodes and the
 * call-backs booked from a queue both go through `createTicket`. A ticket found rather than made
 * (a repeated turn, a second call noted on the caller's ticket) is not counted again.
 */
export function meteredHandlers(handlers: EffectHandlers, metrics: Pick<IvrMetrics, 'ticketsCreated'>): EffectHandlers {
  return {
    ...handlers,
    async createTicket(effect, signal) {
      const made = await handlers.createTicket(effect, signal);
      if (made.existing !== true) metrics.ticketsCreated.inc({ category: effect.args.category });
      return made;
    },
  };
}
