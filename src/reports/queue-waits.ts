import { z } from 'zod';
/** The service level's threshold: a caller answered by an agent within this many seconds of waiting (the VIP line's promise). */
export const ANSWERED_WITHIN_SEC = 15;

/** Callers of one line who waited in a queue, grouped by whether an agent answered and whether within the threshold. */
export type QueueWaitGroup = { hotline: string; answered: boolean; withinThreshold: boolean; calls: number; waitSec: number };

export const QueueFiguresSchema = z.object({
  waited: z.number().int().describe('Callers who waited in a queue and left it (answered, hung up, taken out).'),
  answered: z.number().int().describe('Of them, bridged to an agent.'),
  answeredWithin15s: z.number().int().describe('Answered within ANSWERED_WITHIN_SEC (15) seconds of waiting.'),
  serviceLevel: z.number().nullable().describe('answeredWithin15s ÷ waited: the service level (the VIP line promises 15 s); null without callers.'),
  averageWaitSec: z.number().nullable().describe("Average seconds waited, an overflow's two queues together; null without callers."),
});
export type QueueFigures = z.infer<typeof QueueFiguresSchema>;

/** Per line, from the groups (pure). */
export function queueFigures(groups: readonly QueueWaitGroup[]): Record<string, QueueFigures> {
  const sums = new Map<string, { waited: number; answered: number; within: number; waitSec: number }>();
  for (const g of groups) {
    const s = sums.get(g.hotline) ?? { waited: 0, answered: 0, within: 0, waitSec: 0 };
    s.waited += g.calls;
    s.waitSec += g.waitSec;
    if (g.answered) s.answered += g.calls;
    if (g.answered && g.withinThreshold) s.within += g.calls;
    sums.set(g.hotline, s);
  }
  const out: Record<string, QueueFigures> = {};
  for (const [hotline, s] of [...sums].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out[hotline] = {
      waited: s.waited,
      answered: s.answered,
      answeredWithin15s: s.within,
      serviceLevel: s.waited ? s.within / s.waited : null,
      averageWaitSec: s.waited ? s.waitSec / s.waited : null,
    };
  }
  return out;
}

/** The seconds a call waited in queues: its last queue and, after an overflow, the one before. */
export function totalWaitSec(queue: { waitedSec?: number; overflowedFrom?: { waitedSec: number } } | undefined): number {
  return (queue?.waitedSec ?? 0) + (queue?.overflowedFrom?.waitedSec ?? 0);
}
