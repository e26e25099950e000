import { DateTime } from 'luxon';
import { TicketCategorySchema } from '../flow/nodes/ticket';
import type { Ticket, TicketCategory } from '../services/tickets/ticket.schema';
import { CallOutcomeSchema, type CallOutcome, type CallRecord } from '../stores/calls/call-record';
import { dropOffFunnel, topPaths, type FunnelStep, type PathCount } from './call-paths';
import { firstContact, type FirstContact } from './first-contact';
import { slaStatus, type SlaStatus } from './sla-status';

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
  tickets: { total: number; byCategory: Partial<Record<TicketCategory, TicketFigures>> } & Record<SlaStatus, number>;
  surveys: {
    sent: number;
    answered: number;
    responseRate: Rate;
    ratings: { count: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  };
  topPaths: PathCount[];
  /** Per entry flow: where callers hung up. */
  dropOff: Record<string, FunnelStep[]>;
};

const ratio = (n: number, d: number): Rate => (d === 0 ? null : n / d);
const SERVED: ReadonlySet<CallOutcome> = new Set(['self-served', 'ticket', 'voicemail']);
const SLA: readonly SlaStatus[] = ['open', 'due', 'breached', 'met'];

/**
 * The operations report over call records, tickets and surveys: a pure function, so the CLI
 * (`ivr report`) and the admin API (GET /api/reports) show the same figures.
 */
export function buildReport(input: ReportInput): Report {
  const inPeriod = (at: number) => at >= input.from && at < input.to;
  const calls = input.calls.filter((c) => inPeriod(c.startedAt) && (!input.hotline || c.hotline === input.hotline));
  const outcomes = Object.fromEntries(CallOutcomeSchema.options.map((o) => [o, 0])) as Record<CallOutcome, number>;
  const byHotline: Report['calls']['byHotline'] = {};
  for (const c of calls) {
    if (c.outcome) outcomes[c.outcome]++;
    const h = (byHotline[c.hotline] ??= { total: 0, byHour: Array.from({ length: 24 }, () => 0) });
    h.total++;
    h.byHour[DateTime.fromMillis(c.startedAt, { zone: input.timezone }).hour]++;
  }
  const endedInHours = calls.filter((c) => c.status !== 'in-progress' && !c.afterHours);
  const ended = endedInHours.length;
  const served = endedInHours.filter((c) => c.outcome !== undefined && SERVED.has(c.outcome)).length;
  const count = (o: CallOutcome) => endedInHours.filter((c) => c.outcome === o).length;

  const tickets = input.tickets.filter((t) => inPeriod(t.createdAt) && (!input.hotline || t.hotline === input.hotline));
  const ticketTotals = { total: tickets.length, open: 0, due: 0, breached: 0, met: 0 };
  const byCategory: Report['tickets']['byCategory'] = {};
  for (const category of TicketCategorySchema.options) {
    const mine = tickets.filter((t) => t.category === category);
    if (mine.length === 0) continue;
    const figures: TicketFigures = { total: mine.length, open: 0, due: 0, breached: 0, met: 0 };
    for (const t of mine) figures[slaStatus(t, input.now)]++;
    for (const s of SLA) ticketTotals[s] += figures[s];
    byCategory[category] = figures;
  }

  const sids = new Set(calls.map((c) => c.callSid));
  const surveys = input.surveys.filter((s) => sids.has(s.callSid));
  const ratings = surveys.flatMap((s) => (s.rating === undefined ? [] : [s.rating]));
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const r of ratings) distribution[String(r) as keyof typeof distribution]++;
  const answered = surveys.filter((s) => s.answered).length;

  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: input.timezone }).toISO()!;
  return {
    period: { from: iso(input.from), to: iso(input.to), hotline: input.hotline ?? null, timezone: input.timezone, madeAt: iso(input.now) },
    calls: {
      total: calls.length,
      afterHours: calls.filter((c) => c.afterHours).length,
      inProgress: calls.filter((c) => c.status === 'in-progress').length,
      ended,
      outcomes,
      selfServiceRate: ratio(served, ended),
      transferRate: ratio(count('transferred'), ended),
      abandonmentRate: ratio(count('abandoned'), ended),
      byHotline,
    },
    firstContactResolution: firstContact(calls, input.calls, input.now),
    tickets: { ...ticketTotals, byCategory },
    surveys: {
      sent: surveys.length,
      answered,
      responseRate: ratio(answered, surveys.length),
      ratings: { count: ratings.length, average: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null, distribution },
    },
    topPaths: topPaths(calls),
    dropOff: dropOffFunnel(calls),
  };
}
