import type { TicketStore } from '../services/tickets/ticket-store';
import type { CallStore } from '../stores/calls/call-store';
import { REPEAT_WINDOW_MS } from './first-contact';
import { buildReport, type Report, type SurveyAnswer } from './report';
import type { ReportQuery } from './report-query';

/** Where a report reads from: the stores of `ivr serve`, through their interfaces only. */
export type ReportSources = {
  calls: CallStore;
  tickets: TicketStore;
  /** The survey of a call, undefined when it got none. */
  surveyOf(callSid: string): Promise<SurveyAnswer | undefined>;
};

/** More calls than this in one period (plus 48 hours) are not read; the report would say so. */
const MAX_CALLS = 1_000_000;

/** Reads the period's records (and the next 48 hours' calls, as repeats) and builds the report. */
export async function makeReport(sources: ReportSources, query: ReportQuery, now: number): Promise<Report> {
  const calls = await sources.calls.list({ from: query.from, to: query.to + REPEAT_WINDOW_MS, limit: MAX_CALLS });
  const tickets = (await sources.tickets.list({})).filter((t) => t.createdAt >= query.from && t.createdAt < query.to);
  const surveys: SurveyAnswer[] = [];
  for (const c of calls) {
    if (c.startedAt >= query.to || (query.hotline && c.hotline !== query.hotline)) continue;
    const survey = await sources.surveyOf(c.callSid);
    if (survey) surveys.push(survey);
  }
  return buildReport({ ...query, now, calls, tickets, surveys });
}
