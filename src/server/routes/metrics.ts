import { Router } from 'express';
import type { Registry } from 'prom-client';
import { requireAdminToken } from '../require-admin-token';

/**
 * GET /metrics in Prometheus' text format, for a scraper holding `Authorization: Bearer
 * $METRICS_TOKEN` (the admin token when METRICS_TOKEN is not set), on the server's own port.
 */
export function metricsRoutes(deps: { registry: Registry; token: string }): Router {
  const router = Router();
  router.get('/metrics', requireAdminToken(deps.token, 'METRICS_TOKEN'), async (_req, res) => {
    const text = await deps.registry.metrics();
    res.type(deps.registry.contentType).send(text);
  });
  return router;
}
