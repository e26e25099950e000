import type { CallCentre } from '../../call-centre/call-centre';
import type { Clock } from '../../platform/clock';
import { makeReport } from '../../reports/load-report';
import type { ReportSource } from '../../reports/report-facts';
import { DEFAULT_REPORT_ZONE } from '../../reports/report-query';
import type { SurveyService } from '../../services/survey/survey-service';
import type { TicketDesk } from '../../services/tickets/ticket-desk';
import type { Ticket } from '../../services/tickets/ticket.schema';
import type { CallStore } from '../../stores/calls/call-store';
import { DateTime } from 'luxon';
import { personalData } from './personal-data';
import type { StudioViewer } from './studio-auth';
import { ROLE_RANK } from '../../config/studio-users';
import { BoardTicketSchema, SatisfactionSchema, TicketsBoardSchema, type BoardTicket, type Satisfaction, type TicketsBoard } from './studio-board.schema';

/** More open tickets than this are not put on the board (the admin API pages through all of them). */
const MAX_OPEN = 2000;
/** Comments are looked for among this many of the period's newest calls. */
const COMMENT_SCAN = 500;
const MAX_COMMENTS = 20;

export type TicketsBoardDeps = {
  desk: Pick<TicketDesk, 'list'>;
  centre: () => Pick<CallCentre, 'categories'>;
  reports: ReportSource;
  calls: Pick<CallStore, 'list'>;
  surveys: Pick<SurveyService, 'forCall'>;
  clock: Clock;
};

/** A ticket as the board shows it to `viewer`: the caller's number masked below supervisor. */
export function boardTicket(t: Ticket, now: number, viewer: StudioViewer): BoardTicket {
  const mask = personalData(viewer);
  return BoardTicketSchema.parse({
    id: t.id,
    hotline: t.hotline,
    category: t.category,
    priority: t.priority,
    status: t.status,
    callerPhone: mask.phone(t.callerPhone),
    summary: mask.staffText(t.summary),
    createdAt: t.createdAt,
    dueAt: t.dueAt,
    slaMinutes: t.slaMinutes,
    overdue: t.status !== 'resolved' && t.dueAt < now,
    notes: t.notes.map((n) => ({ at: n.at, text: mask.staffText(n.text), ...(n.status ? { status: n.status } : {}) })),
  });
}

/** Open and in-progress tickets by category, soonest due first. */
export async function ticketsBoard(deps: TicketsBoardDeps, viewer: StudioViewer): Promise<TicketsBoard> {
  const now = deps.clock.now();
  const [open, inProgress] = await Promise.all([deps.desk.list({ status: 'open', limit: MAX_OPEN }), deps.desk.list({ status: 'in_progress', limit: MAX_OPEN })]);
  const unresolved = [...open, ...inProgress].sort((a, b) => a.dueAt - b.dueAt);
  const soonest = (tickets: readonly BoardTicket[]) => tickets[0]?.dueAt ?? Infinity;
  // The most pressing column first (an emergency's 15 minutes before a 48-hour reply), then the centre's order.
  const categories = [...deps.centre().categories.values()]
    .map((c) => ({
      id: c.id,
      name: c.name,
      slaMinutes: c.slaMinutes,
      tickets: unresolved.filter((t) => t.category === c.id).map((t) => boardTicket(t, now, viewer)),
    }))
    .sort((a, b) => soonest(a.tickets) - soonest(b.tickets) || 0);
  return TicketsBoardSchema.parse({ now, canChange: ROLE_RANK[viewer.role] >= ROLE_RANK.supervisor, categories });
}

/**
 * Satisfaction over the last `days` days (the report zone's dates, today included): the report's
 * ratings, response rate and first-contact resolution, a daily average, and the newest comments.
 */
export async function satisfaction(deps: TicketsBoardDeps, viewer: StudioViewer, days: number): Promise<Satisfaction> {
  const now = deps.clock.now();
  const zone = DEFAULT_REPORT_ZONE;
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const from = today.minus({ days: days - 1 }).toMillis();
  const dayStarts = Array.from({ length: days }, (_, i) => today.minus({ days: days - 1 - i }));
  const [whole, ...daily] = await Promise.all([
    makeReport(deps.reports, { from, to: now + 1, timezone: zone }, now),
    ...dayStarts.map((d, i) => makeReport(deps.reports, { from: d.toMillis(), to: i === days - 1 ? now + 1 : d.plus({ days: 1 }).toMillis(), timezone: zone }, now)),
  ]);
  const mask = personalData(viewer);
  const comments: Satisfaction['comments'] = [];
  for (const call of await deps.calls.list({ from, to: now + 1, limit: COMMENT_SCAN })) {
    if (comments.length >= MAX_COMMENTS) break;
    const survey = await deps.surveys.forCall(call.callSid);
    if (!survey?.comment) continue;
    comments.push({ at: survey.ratedAt ?? call.startedAt, hotline: call.hotline, rating: survey.rating, phone: mask.phone(call.caller), text: mask.callerText(survey.comment) });
  }
  return SatisfactionSchema.parse({
    now,
    days,
    sent: whole.surveys.sent,
    answered: whole.surveys.answered,
    responseRate: whole.surveys.responseRate,
    firstContactRate: whole.firstContactResolution.rate,
    average: whole.surveys.ratings.average,
    distribution: whole.surveys.ratings.distribution,
    trend: daily.map((r, i) => ({ date: dayStarts[i].toISODate()!, rated: r.surveys.ratings.count, average: r.surveys.ratings.average })),
    comments,
  });
}
