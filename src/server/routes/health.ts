import { Router } from 'express';
import type { CallStore } from '../../stores/calls/call-store';
import type { SessionStore } from '../../stores/session/session-store';
import type { FlowVersions } from '../flow-versions';
import { HttpError } from '../http-error';

/** Set when the server starts stopping (SIGTERM), so /readyz fails before anything closes. */
export type Readiness = { stopping: boolean };

/** Liveness (the process answers) and readiness (flows loaded, stores reachable). */
export function healthRoutes(deps: { flows: FlowVersions; sessions: SessionStore; calls: CallStore; readiness?: Readiness }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    // Stopping: the load balancer must take this server out before its listener closes.
    if (deps.readiness?.stopping) throw new HttpError(503, 'stopping');
    if (deps.flows.size === 0) throw new HttpError(503, 'no flows loaded');
    try {
      await deps.sessions.ping();
      await deps.calls.ping();
    } catch {
      throw new HttpError(503, 'the call store is unreachable');
    }
    res.json({ status: 'ready', flows: deps.flows.size });
  });
  return router;
}
