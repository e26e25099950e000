import type { SurveyStore } from '../services/survey/survey-store';
import type { TicketStore } from '../services/tickets/ticket-store';
import type { CallStore } from '../stores/calls/call-store';
import { REPEAT_WINDOW_MS } from './first-contact';
import { factsFromRecords, reportFromFacts, type Report, type SurveyAnswer } from './report';
import type { ReportSource } from './report-facts';
import type { ReportQuery } from './report-query';
import type { CallbackStore } from '../services/callbacks/callback-store';
import { callbackFigures } from './callback-figures';

/**
 * The report of `query` at `now`, from facts counted where the records are; with `callbacks`, the
 * call backs promised in the period too (of the hotline's tickets only, when it names one).
 */
export async function makeReport(source: ReportSource, query: ReportQuery, now: number, callbacks?: Pick<CallbackStore, 'list'>): Promise<Report> {
  const report = reportFromFacts(await source.facts({ from: query.from, to: query.to, ...(query.hotline ? { hotline: query.hotline } : {}), now }), { ...query, now });
  if (!callbacks) return report;
  const jobs = (await callbacks.list({ createdFrom: query.from, createdTo: query.to })).filter((j) => !query.hotline || j.hotline === query.hotline);
  return { ...report, callbacks: callbackFigures(jobs, now) };
}

/** A survey as the report counts it, from the survey store. */
export function surveyAnswerFrom(surveys: SurveyStore): (callSid: string) => Promise<SurveyAnswer | undefined> {
  return async (callSid) => {
    const s = await surveys.get(callSid);
    return s && { callSid, answered: s.rating !== undefined || s.comment !== undefined, ...(s.rating !== undefined ? { rating: s.rating } : {}) };
  };
}

/** More calls than this in one period (plus 48 hours) are not read. */
const MAX_CALLS = 1_000_000;

/**
 * Facts counted in the process over records read through the store interfaces: for the memory
 * store, whose records are in the process anyway. The SQL stores count in the database instead.
 */
export function recordsReportSource(sources: {
  calls: CallStore;
  tickets: TicketStore;
  /** The survey of a call, undefined when it got none. */
  surveyOf(callSid: string): Promise<SurveyAnswer | undefined>;
}): ReportSource {
  return {
    async facts(q) {
      const calls = await sources.calls.list({ from: q.from, to: q.to + REPEAT_WINDOW_MS, limit: MAX_CALLS });
      const tickets = (await sources.tickets.list({})).filter((t) => t.createdAt >= q.from && t.createdAt < q.to);
      const surveys: SurveyAnswer[] = [];
      for (const c of calls) {
        if (c.startedAt >= q.to || (q.hotline && c.hotline !== q.hotline)) continue;
        const survey = await sources.surveyOf(c.callSid);
        if (survey) surveys.push(survey);
      }
      return factsFromRecords({ ...q, calls, tickets, surveys });
    },
  };
}
