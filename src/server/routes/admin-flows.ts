import { Router } from 'express';
import type { Clock } from '../../platform/clock';
import type { CallStore } from '../../stores/calls/call-store';
import type { FlowVersions } from '../flow-versions';

/** Most calls in progress counted per version; beyond it the counts say `atLeast`. */
const LIVE_CALLS_SCAN = 10_000;

/**
 * GET /api/flows: every flow loaded, the version new calls start on, and each version still in
 * memory with the calls in progress on it (call records not yet closed, started within the
 * session lifetime, from every server sharing the store). After a hot reload the old version
 * stays listed while its calls finish. With releases, `release` is the id of the active one.
 */
export function adminFlowRoutes(deps: { flows: FlowVersions; calls: CallStore; clock: Clock; sessionTtlMs: number; release?: () => string }): Router {
  const router = Router();
  router.get('/api/flows', async (_req, res) => {
    const now = deps.clock.now();
    const recent = await deps.calls.list({ from: now - deps.sessionTtlMs, limit: LIVE_CALLS_SCAN });
    const live = new Map<string, number>();
    for (const c of recent) if (c.status === 'in-progress') live.set(`${c.flowId}@${c.flowVersion}`, (live.get(`${c.flowId}@${c.flowVersion}`) ?? 0) + 1);
    const byFlow = new Map<string, { id: string; file: string; version: string; versions: Array<{ version: string; current: boolean; liveCalls: number }> }>();
    for (const v of deps.flows.list()) {
      const flow = byFlow.get(v.id) ?? { id: v.id, file: v.file, version: v.version, versions: [] };
      if (v.current) Object.assign(flow, { version: v.version, file: v.file });
      flow.versions.push({ version: v.version, current: v.current, liveCalls: live.get(`${v.id}@${v.version}`) ?? 0 });
      byFlow.set(v.id, flow);
    }
    res.json({ ...(deps.release ? { release: deps.release() } : {}), flows: [...byFlow.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), ...(recent.length === LIVE_CALLS_SCAN ? { atLeast: true } : {}) });
  });
  return router;
}
