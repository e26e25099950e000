import { DateTime } from 'luxon';
import { hourOfDayIn } from '../hotlines/wall-clock';
import type { Ticket, TicketCategory } from '../services/tickets/ticket.schema';
import { CallOutcomeSchema, type CallOutcome, type CallRecord } from '../stores/calls/call-record';
import { dropOffFunnel, topPaths, type FunnelStep, type PathCount } from './call-paths';
import { firstContact, firstContactFromCounts, type FirstContact } from './first-contact';
import { slotOf, type PathGroup, type ReportFacts } from './report-facts';
import { ANSWERED_WITHIN_SEC, queueFigures, totalWaitSec, type QueueFigures, type QueueWaitGroup } from './queue-waits';
import type { CallbackFiguresByCategory } from './callback-figures';
import { slaStatus, type SlaStatus } from './sla-status';
import { splitFigures, variantGroups, variantSurveyGroups, type SplitFigures } from './variant-outcomes';
import { answerGroups, answersFigures, distressFigures, distressGroups, type AnswersFigures, type DistressFigures } from './spoken-answers';

/** A call's survey as far as reports care: whether the caller answered, and the rating if any. */
export type SurveyAnswer = { callSid: string; rating?: number; answered: boolean };

export type ReportInput = {
  /** The period, [from, to), epoch ms. */
  from: number;
  to: number;
  /** Only this hotline's calls and tickets (repeat calls to any hotline still count against it). */
  hotline?: string;
  /** The time the report is made: tickets' SLA status and which 48-hour windows are over. */
  now: number;
  /** The zone of "hour of day" (the hotlines' own, Asia/Shanghai for the shipped ones). */
  timezone: string;
  /** Calls started from `from` to 48 hours after `to`, every hotline: the later ones only as repeats. */
  calls: readonly CallRecord[];
  /** Tickets; those created in the period (and on the hotline) are counted. */
  tickets: readonly Ticket[];
  /** The surveys of the period's calls. */
  surveys: readonly SurveyAnswer[];
};

type Rate = number | null;
export type TicketFigures = { total: number } & Record<SlaStatus, number>;

export type Report = {
  period: { from: string; to: string; hotline: string | null; timezone: string; madeAt: string };
  calls: {
    total: number;
    afterHours: number;
    inProgress: number;
    /** Calls over and answered in service hours: the base of the three rates. */
    ended: number;
    outcomes: Record<CallOutcome, number>;
    /** Self-service (containment): the flow served the caller without a person (self-served, ticket, voicemail) ÷ ended. */
    selfServiceRate: Rate;
    transferRate: Rate;
    abandonmentRate: Rate;
    /** Calls per hotline, and per hour of day (0–23, in `timezone`). */
    byHotline: Record<string, { total: number; byHour: number[] }>;
  };
  firstContactResolution: FirstContact;
  tickets: { total: number; byCategory: Record<TicketCategory, TicketFigures> } & Record<SlaStatus, number>;
  surveys: {
    sent: number;
    answered: number;
    responseRate: Rate;
    ratings: { count: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  };
  /** Waits for an agent per line: the service level (answered within 15 s; the VIP line's promise) and the average wait. */
  queues: { byHotline: Record<string, QueueFigures> };
  /**
   * The call backs promised in the period (tickets of categories called back): placed within their
   * promise, late or not yet, answered or given up (the seeds: emergencies within 15 minutes).
   * Present when the report is made where the call backs are stored (makeReport's `callbacks`).
   */
  callbacks?: CallbackFiguresByCategory;
  topPaths: PathCount[];
  /** Per entry flow: where callers hung up. */
  dropOff: Record<string, FunnelStep[]>;
  /** Per menu and entry: the share answered by speech rather than keys, words that matched nothing, low-confidence recognition. */
  answers: AnswersFigures;
  /** Calls whose caller sounded distressed (priority raised) and how they came out. */
  distress: DistressFigures;
  /** Per A/B split (`<flow>/<node>`) and variant: calls, outcomes, the three rates and tickets, survey ratings. */
  variants: SplitFigures;
};

const ratio = (n: number, d: number): Rate => (d === 0 ? null : n / d);
const SERVED: ReadonlySet<CallOutcome> = new Set(['self-served', 'ticket', 'voicemail']);
const SLA: readonly SlaStatus[] = ['open', 'due', 'breached', 'met'];

/**
 * The operations report over call records, tickets and surveys: a pure function, so the CLI
 * (`ivr report`) and the admin API (GET /api/reports) show the same figures. Counts the records
 * in the process (the memory store; the tests' hand counts), then reads them like the database's.
 */
export function buildReport(input: ReportInput): Report {
  return reportFromFacts(factsFromRecords(input), input);
}

/** The facts of a report counted over records in the process, as the SQL stores count them in the database. */
export function factsFromRecords(input: Omit<ReportInput, 'timezone'>): ReportFacts {
  const inPeriod = (at: number) => at >= input.from && at < input.to;
  const calls = input.calls.filter((c) => inPeriod(c.startedAt) && (!input.hotline || c.hotline === input.hotline));
  const tally = <T>(items: Iterable<T>, key: (t: T) => string) => {
    const counts = new Map<string, { item: T; n: number }>();
    for (const item of items) {
      const k = key(item);
      const entry = counts.get(k) ?? { item, n: 0 };
      entry.n++;
      counts.set(k, entry);
    }
    return [...counts.values()];
  };
  const fc = firstContact(calls, input.calls, input.now);
  const tickets = input.tickets.filter((t) => inPeriod(t.createdAt) && (!input.hotline || t.hotline === input.hotline));
  const sids = new Set(calls.map((c) => c.callSid));
  const surveys = input.surveys.filter((s) => sids.has(s.callSid));
  return {
    slots: tally(calls, (c) => `${c.hotline} ${slotOf(c.startedAt)}`).map(({ item, n }) => ({ hotline: item.hotline, slot: slotOf(item.startedAt), calls: n })),
    kinds: tally(calls, (c) => `${c.afterHours} ${c.status === 'in-progress'} ${c.outcome}`).map(({ item, n }) => ({
      afterHours: item.afterHours,
      inProgress: item.status === 'in-progress',
      outcome: item.outcome ?? null,
      calls: n,
    })),
    paths: tally(calls, (c) => JSON.stringify([c.flowId, c.path, c.outcome === 'abandoned'])).map(({ item, n }): PathGroup => ({
      flowId: item.flowId,
      path: item.path,
      abandoned: item.outcome === 'abandoned',
      calls: n,
    })),
    firstContact: { unknownCaller: fc.unknownCaller, repeated: fc.judged - fc.resolved, resolved: fc.resolved, pending: fc.pending },
    tickets: tally(tickets, (t) => `${t.category} ${slaStatus(t, input.now)}`).map(({ item, n }) => ({ category: item.category, sla: slaStatus(item, input.now), tickets: n })),
    surveys: tally(
      surveys,
      (s) => `${s.rating} ${s.answered}`,
    ).map(({ item, n }) => ({ rating: item.rating ?? null, answered: item.answered, surveys: n })),
    queueWaits: queueWaitGroups(calls),
    answers: answerGroups(calls),
    distressed: distressGroups(calls),
    variants: variantGroups(calls),
    variantSurveys: variantSurveyGroups(calls, surveys),
  };
}

/** The calls that left an agents' queue, grouped as the SQL stores group them. */
function queueWaitGroups(calls: readonly CallRecord[]): QueueWaitGroup[] {
  const groups = new Map<string, QueueWaitGroup>();
  for (const c of calls) {
    if (c.queue?.result === undefined) continue;
    const waited = totalWaitSec(c.queue);
    const answered = c.queue.result === 'bridged';
    const withinThreshold = waited <= ANSWERED_WITHIN_SEC;
    const key = `${c.hotline} ${answered} ${withinThreshold}`;
    const g = groups.get(key) ?? { hotline: c.hotline, answered, withinThreshold, calls: 0, waitSec: 0 };
    g.calls++;
    g.waitSec += waited;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The report from its facts. Pure. */
export function reportFromFacts(facts: ReportFacts, q: { from: number; to: number; hotline?: string; now: number; timezone: string }): Report {
  const outcomes = Object.fromEntries(CallOutcomeSchema.options.map((o) => [o, 0])) as Record<CallOutcome, number>;
  let total = 0;
  let afterHours = 0;
  let inProgress = 0;
  let ended = 0;
  let served = 0;
  const endedAs = { transferred: 0, abandoned: 0 };
  const known = new Set<string>(CallOutcomeSchema.options);
  for (const raw of facts.kinds) {
    // An outcome no release wrote (a damaged record) counts as none.
    const k = raw.outcome === null || known.has(raw.outcome) ? raw : { ...raw, outcome: null };
    total += k.calls;
    if (k.outcome) outcomes[k.outcome] += k.calls;
    if (k.afterHours) afterHours += k.calls;
    if (k.inProgress) inProgress += k.calls;
    if (k.inProgress || k.afterHours) continue;
    ended += k.calls;
    if (k.outcome !== null && SERVED.has(k.outcome)) served += k.calls;
    if (k.outcome === 'transferred' || k.outcome === 'abandoned') endedAs[k.outcome] += k.calls;
  }
  const byHotline: Report['calls']['byHotline'] = {};
  const hourOf = hourOfDayIn(q.timezone);
  for (const s of [...facts.slots].sort((a, b) => b.slot - a.slot)) {
    const h = (byHotline[s.hotline] ??= { total: 0, byHour: Array.from({ length: 24 }, () => 0) });
    h.total += s.calls;
    h.byHour[hourOf(s.slot)] += s.calls;
  }

  const ticketTotals = { total: 0, open: 0, due: 0, breached: 0, met: 0 };
  const byCategory: Report['tickets']['byCategory'] = {};
  for (const category of [...new Set(facts.tickets.map((t) => t.category))].sort()) {
    const mine = facts.tickets.filter((t) => t.category === category);
    if (mine.length === 0) continue;
    const figures: TicketFigures = { total: 0, open: 0, due: 0, breached: 0, met: 0 };
    for (const t of mine) {
      figures.total += t.tickets;
      figures[t.sla] += t.tickets;
    }
    ticketTotals.total += figures.total;
    for (const s of SLA) ticketTotals[s] += figures[s];
    byCategory[category] = figures;
  }

  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let sent = 0;
  let answered = 0;
  let rated = 0;
  let ratingSum = 0;
  for (const s of facts.surveys) {
    sent += s.surveys;
    if (s.answered) answered += s.surveys;
    if (s.rating === null) continue;
    distribution[String(s.rating) as keyof typeof distribution] += s.surveys;
    rated += s.surveys;
    ratingSum += s.rating * s.surveys;
  }

  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: q.timezone }).toISO()!;
  return {
    period: { from: iso(q.from), to: iso(q.to), hotline: q.hotline ?? null, timezone: q.timezone, madeAt: iso(q.now) },
    calls: {
      total,
      afterHours,
      inProgress,
      ended,
      outcomes,
      selfServiceRate: ratio(served, ended),
      transferRate: ratio(endedAs.transferred, ended),
      abandonmentRate: ratio(endedAs.abandoned, ended),
      byHotline,
    },
    firstContactResolution: firstContactFromCounts(facts.firstContact),
    tickets: { ...ticketTotals, byCategory },
    surveys: {
      sent,
      answered,
      responseRate: ratio(answered, sent),
      ratings: { count: rated, average: rated ? ratingSum / rated : null, distribution },
    },
    queues: { byHotline: queueFigures(facts.queueWaits) },
    topPaths: topPaths(facts.paths),
    dropOff: dropOffFunnel(facts.paths),
    answers: answersFigures(facts.answers),
    distress: distressFigures(facts.distressed),
    variants: splitFigures(facts.variants, facts.variantSurveys),
  };
}
