import { Router } from 'express';
import { z } from 'zod';
import type { SurveyService } from '../../services/survey/survey-service';
import type { TicketStore } from '../../services/tickets/ticket-store';
import { CallRecordDecodeError } from '../../stores/calls/call-record';
import type { CallStore } from '../../stores/calls/call-store';
import { HttpError } from '../http-error';
import { withIsoTimes } from './iso-times';
import { PageQuery, pageOf } from './page-query';

const Instant = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO 8601 time with a zone, e.g. 2026-11-23T00:00:00+08:00` })
    .transform((s) => Date.parse(s))
    .optional();

const ListQuery = z
  .object({
    from: Instant('from'),
    to: Instant('to'),
    hotline: z.string().regex(/^[a-z0-9_-]+$/, 'hotline must be a hotline id, e.g. general').optional(),
    ...PageQuery,
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, 'from must be before to');

const CallSidParam = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'not a call SID (CA followed by letters and digits)');

/**
 * The read-only admin API over call records. GET /api/calls?from=&to=&hotline=&limit=&offset=
 * answers one page, newest first (`limit` 100 by default, at most 500; `page.next` is the offset
 * of the next page, null on the last). GET /api/calls/:callSid answers `{ call, tickets,
 * survey }`: the tickets the call opened and its satisfaction survey (null when it got none),
 * read from their own stores by CallSid.
 */
export function adminCallRoutes(deps: { calls: CallStore; tickets: TicketStore; surveys: SurveyService }): Router {
  const router = Router();
  router.get('/api/calls', async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, q.error.issues[0].message);
    const { items, page } = pageOf(await deps.calls.list({ ...q.data, limit: q.data.limit + 1 }), q.data);
    res.json(withIsoTimes({ calls: items, page }));
  });
  router.get('/api/calls/:callSid', async (req, res) => {
    const sid = CallSidParam.safeParse(req.params.callSid);
    if (!sid.success) throw new HttpError(400, sid.error.issues[0].message);
    const call = await deps.calls.get(sid.data).catch((err: unknown) => {
      // One damaged record answers for itself; the list and the other calls are unaffected.
      if (err instanceof CallRecordDecodeError) throw new HttpError(500, err.message);
      throw err;
    });
    if (!call) throw new HttpError(404, `no call ${sid.data}`);
    const [tickets, survey] = await Promise.all([deps.tickets.list({ callSid: sid.data }), deps.surveys.forCall(sid.data)]);
    res.json(withIsoTimes({ call, tickets, survey }));
  });
  return router;
}
