import { Router } from 'express';
import type { Clock } from '../../platform/clock';
import { makeReport } from '../../reports/load-report';
import type { SurveyAnswer } from '../../reports/report';
import { resolveReportQuery } from '../../reports/report-query';
import type { SurveyService } from '../../services/survey/survey-service';
import type { TicketStore } from '../../services/tickets/ticket-store';
import type { CallStore } from '../../stores/calls/call-store';
import { HttpError } from '../http-error';

/** A survey as the admin API shows it, as the report counts it. */
export async function surveyAnswer(surveys: SurveyService, callSid: string): Promise<SurveyAnswer | undefined> {
  const view = await surveys.forCall(callSid);
  if (!view) return undefined;
  return { callSid, answered: view.rating !== null || view.comment !== null, ...(view.rating !== null ? { rating: view.rating } : {}) };
}

/**
 * GET /api/reports?from=&to=&hotline=&tz=: the figures of `ivr report --json` (same function),
 * over the server's stores. Times as ISO 8601 with a zone or plain dates; default the last 7 days.
 */
export function adminReportRoutes(deps: { calls: CallStore; tickets: TicketStore; surveys: SurveyService; clock: Clock }): Router {
  const router = Router();
  router.get('/api/reports', async (req, res) => {
    const now = deps.clock.now();
    const q = resolveReportQuery(req.query, now);
    if (!q.ok) throw new HttpError(400, q.error);
    const report = await makeReport({ calls: deps.calls, tickets: deps.tickets, surveyOf: (sid) => surveyAnswer(deps.surveys, sid) }, q.query, now);
    res.json(report);
  });
  return router;
}
