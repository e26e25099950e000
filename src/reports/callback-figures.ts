import { z } from 'zod';
import type { CallbackJob } from '../services/callbacks/callback-job';

/** How a period's call backs went, for one category or all. Times in seconds. */
export const CallbackFiguresSchema = z.object({
  promised: z.number().int().describe('Call backs promised: tickets of the period whose category is called back, with a number to call.'),
  withinPromise: z.number().int().describe('First call placed by the promise (emergencies: 15 minutes).'),
  late: z.number().int().describe('First call placed after the promise.'),
  missed: z.number().int().describe('Promise passed with no call placed yet.'),
  waiting: z.number().int().describe('Promise not over, no call yet.'),
  withinPromiseRate: z.number().nullable().describe('withinPromise ÷ (withinPromise + late + missed): null until a promise is due.'),
  answered: z.number().int(),
  exhausted: z.number().int(),
  firstCallSec: z.object({ median: z.number().nullable(), p95: z.number().nullable(), max: z.number().nullable() }).describe('From the ticket to its first call placed, over the call backs placed.'),
});
export type CallbackFigures = z.infer<typeof CallbackFiguresSchema>;

/** The figures of all call backs, and of each category. */
export const CallbackFiguresByCategorySchema = CallbackFiguresSchema.extend({ byCategory: z.record(z.string(), CallbackFiguresSchema) });
export type CallbackFiguresByCategory = z.infer<typeof CallbackFiguresByCategorySchema>;

const quantile = (sorted: readonly number[], q: number): number | null => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);

function figuresOf(jobs: readonly CallbackJob[], now: number): CallbackFigures {
  let withinPromise = 0;
  let late = 0;
  let missed = 0;
  let waiting = 0;
  const delays: number[] = [];
  for (const j of jobs) {
    if (j.firstPlacedAt !== undefined) {
      delays.push((j.firstPlacedAt - j.createdAt) / 1000);
      if (j.firstPlacedAt <= j.promisedBy) withinPromise++;
      else late++;
    } else if (now > j.promisedBy) missed++;
    else waiting++;
  }
  delays.sort((a, b) => a - b);
  const due = withinPromise + late + missed;
  return {
    promised: jobs.length,
    withinPromise,
    late,
    missed,
    waiting,
    withinPromiseRate: due === 0 ? null : withinPromise / due,
    answered: jobs.filter((j) => j.status === 'answered').length,
    exhausted: jobs.filter((j) => j.status === 'exhausted').length,
    firstCallSec: { median: quantile(delays, 0.5), p95: quantile(delays, 0.95), max: delays.at(-1) ?? null },
  };
}

/** The call backs of a period (jobs created in it), in all and per ticket category, as they stand at `now`. */
export function callbackFigures(jobs: readonly CallbackJob[], now: number): CallbackFiguresByCategory {
  const categories = [...new Set(jobs.map((j) => j.category))].sort();
  return { ...figuresOf(jobs, now), byCategory: Object.fromEntries(categories.map((c) => [c, figuresOf(jobs.filter((j) => j.category === c), now)])) };
}
