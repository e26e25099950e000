import { Router } from 'express';
import type { Clock } from '../../platform/clock';
import { makeReport } from '../../reports/load-report';
import type { ReportSource } from '../../reports/report-facts';
import { resolveReportQuery } from '../../reports/report-query';
import { HttpError } from '../http-error';
import type { CallbackStore } from '../../services/callbacks/callback-store';

/**
 * GET /api/reports?from=&to=&hotline=&tz=: the figures of `ivr report --json` (same function),
 * counted by the server's database (GROUP BY; only the counts come into the process). Times as
 * ISO 8601 with a zone or plain dates; default the last 7 days.
 */
export function adminReportRoutes(deps: { reports: ReportSource; clock: Clock; callbacks?: Pick<CallbackStore, 'list'> }): Router {
  const router = Router();
  router.get('/api/reports', async (req, res) => {
    const now = deps.clock.now();
    const q = resolveReportQuery(req.query, now);
    if (!q.ok) throw new HttpError(400, q.error);
    res.json(await makeReport(deps.reports, q.query, now, deps.callbacks));
  });
  return router;
}
