import { Router } from 'express';
import type { Clock } from '../../platform/clock';
import { callbackFigures } from '../../reports/callback-figures';
import { resolveReportQuery } from '../../reports/report-query';
import type { CallbackStore } from '../../services/callbacks/callback-store';
import { HttpError } from '../http-error';

/**
 * GET /api/reports/callbacks?from=&to=: the call backs promised in the period (same period rules as
 * GET /api/reports, default the last 7 days) and how many were placed within their promise, late
 * or not at all, answered or given up, with the time from ticket to first call.
 * GET /api/callbacks/:ticketId: one ticket's call back and its attempts.
 */
export function adminCallbackRoutes(deps: { callbacks: CallbackStore; clock: Clock }): Router {
  const router = Router();
  router.get('/api/reports/callbacks', async (req, res) => {
    const now = deps.clock.now();
    const q = resolveReportQuery(req.query, now);
    if (!q.ok) throw new HttpError(400, q.error);
    const jobs = await deps.callbacks.list({ createdFrom: q.query.from, createdTo: q.query.to });
    res.json({ period: { from: new Date(q.query.from).toISOString(), to: new Date(q.query.to).toISOString(), madeAt: new Date(now).toISOString() }, callbacks: callbackFigures(jobs, now) });
  });
  router.get('/api/callbacks/:ticketId', async (req, res) => {
    const job = await deps.callbacks.get(req.params.ticketId);
    if (!job) throw new HttpError(404, `no call back for ticket ${req.params.ticketId} (its category is not called back, or there was no number to call)`);
    const { claimedBy: _c, ...shown } = job;
    res.json({ callback: shown });
  });
  return router;
}
