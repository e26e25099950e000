import { z } from 'zod';
import { CallOutcomeSchema, type CallOutcome, type CallRecord } from '../stores/calls/call-record';

/** The period's calls through one variant of one split (`<flow>/<node>`), by how they stand: counted where the records are. */
export type VariantGroup = { split: string; variant: string; afterHours: boolean; inProgress: boolean; outcome: CallOutcome | null; calls: number };
/** The surveys of those calls, by rating (null: none) and whether answered. */
export type VariantSurveyGroup = { split: string; variant: string; rating: number | null; answered: boolean; surveys: number };

const Rate = z.number().nullable();
export const VariantFiguresSchema = z.object({
  calls: z.number().int().describe('Calls of the period that this variant was given to.'),
  inProgress: z.number().int().describe('Of them, still in the flow.'),
  ended: z.number().int().describe('Over and in service hours: the base of the rates, as for the whole report.'),
  outcomes: z.record(CallOutcomeSchema, z.number().int()),
  selfServiceRate: Rate.describe('Self-served, ticket or voicemail ÷ ended.'),
  transferRate: Rate.describe('Put through to a person ÷ ended.'),
  ticketRate: Rate.describe('Ended with a ticket (voicemail included) ÷ ended.'),
  abandonmentRate: Rate.describe('Hung up in the flow ÷ ended.'),
  surveys: z.object({
    sent: z.number().int(),
    answered: z.number().int(),
    ratings: z.object({ count: z.number().int(), average: z.number().nullable() }),
  }),
});
export type VariantFigures = z.infer<typeof VariantFiguresSchema>;
/** Per split (`<flow>/<node>`), per variant. */
export const SplitFiguresSchema = z.record(z.string(), z.record(z.string(), VariantFiguresSchema));
export type SplitFigures = z.infer<typeof SplitFiguresSchema>;

const SERVED: ReadonlySet<CallOutcome> = new Set(['self-served', 'ticket', 'voicemail']);
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const zeroes = () => Object.fromEntries(CallOutcomeSchema.options.map((o) => [o, 0])) as Record<CallOutcome, number>;

/** The variant groups of calls in the process, as the SQL stores group them. */
export function variantGroups(calls: readonly CallRecord[]): VariantGroup[] {
  const groups = new Map<string, VariantGroup>();
  for (const c of calls) {
    for (const [split, variant] of Object.entries(c.variants ?? {})) {
      const g: VariantGroup = { split, variant, afterHours: c.afterHours, inProgress: c.status === 'in-progress', outcome: c.outcome ?? null, calls: 0 };
      const key = JSON.stringify([split, variant, g.afterHours, g.inProgress, g.outcome]);
      (groups.get(key) ?? groups.set(key, g).get(key)!).calls++;
    }
  }
  return [...groups.values()];
}

/** The surveys of calls through a split, grouped as the SQL stores group them. */
export function variantSurveyGroups(calls: readonly CallRecord[], surveys: readonly { callSid: string; rating?: number; answered: boolean }[]): VariantSurveyGroup[] {
  const variantsOf = new Map(calls.filter((c) => c.variants).map((c) => [c.callSid, c.variants!]));
  const groups = new Map<string, VariantSurveyGroup>();
  for (const s of surveys) {
    for (const [split, variant] of Object.entries(variantsOf.get(s.callSid) ?? {})) {
      const g: VariantSurveyGroup = { split, variant, rating: s.rating ?? null, answered: s.answered, surveys: 0 };
      const key = JSON.stringify([split, variant, g.rating, g.answered]);
      (groups.get(key) ?? groups.set(key, g).get(key)!).surveys++;
    }
  }
  return [...groups.values()];
}

/** Outcomes, rates and ratings per split and variant, from their groups. Pure. */
export function splitFigures(groups: readonly VariantGroup[], surveys: readonly VariantSurveyGroup[]): SplitFigures {
  const known = new Set<string>(CallOutcomeSchema.options);
  const tallies = new Map<string, { split: string; variant: string; f: VariantFigures; endedAs: Record<CallOutcome, number>; ratingSum: number }>();
  const tally = (split: string, variant: string) => {
    const key = JSON.stringify([split, variant]);
    let t = tallies.get(key);
    if (!t) {
      const f: VariantFigures = { calls: 0, inProgress: 0, ended: 0, outcomes: zeroes(), selfServiceRate: null, transferRate: null, ticketRate: null, abandonmentRate: null, surveys: { sent: 0, answered: 0, ratings: { count: 0, average: null } } };
      tallies.set(key, (t = { split, variant, f, endedAs: zeroes(), ratingSum: 0 }));
    }
    return t;
  };
  for (const g of groups) {
    const t = tally(g.split, g.variant);
    // An outcome no release wrote (a damaged record) counts as none, as in the whole report.
    const outcome = g.outcome !== null && known.has(g.outcome) ? g.outcome : null;
    t.f.calls += g.calls;
    if (outcome) t.f.outcomes[outcome] += g.calls;
    if (g.inProgress) t.f.inProgress += g.calls;
    if (g.inProgress || g.afterHours) continue;
    t.f.ended += g.calls;
    if (outcome) t.endedAs[outcome] += g.calls;
  }
  for (const s of surveys) {
    const t = tally(s.split, s.variant);
    t.f.surveys.sent += s.surveys;
    if (s.answered) t.f.surveys.answered += s.surveys;
    if (s.rating === null) continue;
    t.f.surveys.ratings.count += s.surveys;
    t.ratingSum += s.rating * s.surveys;
  }
  const out: SplitFigures = {};
  const sorted = [...tallies.values()].sort((a, b) => (a.split < b.split ? -1 : a.split > b.split ? 1 : a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0));
  for (const { split, variant, f, endedAs: o, ratingSum } of sorted) {
    const served = [...SERVED].reduce((n, outcome) => n + o[outcome], 0);
    (out[split] ??= {})[variant] = {
      ...f,
      selfServiceRate: ratio(served, f.ended),
      transferRate: ratio(o.transferred, f.ended),
      ticketRate: ratio(o.ticket + o.voicemail, f.ended),
      abandonmentRate: ratio(o.abandoned, f.ended),
      surveys: { ...f.surveys, ratings: { count: f.surveys.ratings.count, average: f.surveys.ratings.count ? ratingSum / f.surveys.ratings.count : null } },
    };
  }
  return out;
}
