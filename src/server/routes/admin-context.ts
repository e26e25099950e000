import { Router } from 'express';
import { z } from 'zod';
import { callContext, type LiveCall } from '../../desk/call-context';
import type { Project } from '../../flow/load/load-project';
import type { Clock } from '../../platform/clock';
import type { TicketStore } from '../../services/tickets/ticket-store';
import { CallRecordDecodeError } from '../../stores/calls/call-record';
import type { CallStore } from '../../stores/calls/call-store';
import type { SessionStore } from '../../stores/session/session-store';
import type { FlowVersions } from '../flow-versions';
import { HttpError } from '../http-error';
import { withIsoTimes } from './iso-times';

const CallSidParam = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'not a call SID (CA followed by letters and digits)');

/**
 * GET /api/calls/:callSid/context: the screen-pop for the agent taking the call (CallContextSchema):
 * hotline, language, verified account (masked phone), path with menu keys, keyed ids, tickets,
 * queue, flags. From the live session while the call is in progress, else from the call record.
 */
export function adminContextRoutes(deps: {
  calls: CallStore;
  sessions: SessionStore;
  tickets: TicketStore;
  flows: FlowVersions;
  /** The current project: its flow sources (menus' options, for the keys pressed) and queues. */
  project: () => Pick<Project, 'env' | 'centre'>;
  clock: Clock;
}): Router {
  const router = Router();
  router.get('/api/calls/:callSid/context', async (req, res) => {
    const sid = CallSidParam.safeParse(req.params.callSid);
    if (!sid.success) throw new HttpError(400, sid.error.issues[0].message);
    const now = deps.clock.now();
    const [record, session, tickets] = await Promise.all([
      deps.calls.get(sid.data).catch((err: unknown) => {
        if (err instanceof CallRecordDecodeError) throw new HttpError(500, err.message);
        throw err;
      }),
      deps.sessions.get(sid.data, now),
      deps.tickets.list({ callSid: sid.data }),
    ]);
    if (!record) throw new HttpError(404, `no call ${sid.data}: it is neither in progress nor on record (a call record is kept 6 months)`);
    // A session lingers a few minutes after the call ends; the record is the truth by then.
    const inProgress = session !== undefined && record.status === 'in-progress';
    let live: LiveCall | undefined;
    if (inProgress) {
      const { flowId, version, context } = session.snapshot;
      live = { context, keyedVars: deps.flows.get(flowId, version)?.keyedVars ?? [] };
    }
    res.json(withIsoTimes(callContext({ record, ...(live ? { live } : {}), tickets, flows: deps.project().env.flows, queues: deps.project().centre.queues, now })));
  });
  return router;
}
