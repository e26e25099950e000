import { Router } from 'express';
import { z } from 'zod';
import type { CallSmsLog } from '../../services/sms/call-sms-log';
import { HttpError } from '../http-error';
import { withIsoTimes } from './iso-times';

const CallSidParam = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'not a call SID (CA followed by letters and digits)');
const AfterQuery = z.object({ after: z.string().regex(/^\d{1,15}$/, 'after must be the seq of the last SMS seen, e.g. ?after=3').transform(Number).optional() }).strict();

/**
 * DEVELOPMENT ONLY, behind the admin token: GET /api/dev/calls/:callSid/sms?after=<seq> answers
 * `{ sms: [{ seq, at, to, kind, body }] }`, the SMS this call's flow sent (one-time codes in
 * clear, numbers masked), so `ivr call --via` prints them where the caller's phone would buzz.
 * createApp mounts it only outside production; in production the path is a 404 like any other.
 */
export function devSmsRoutes(deps: { log: CallSmsLog }): Router {
  const router = Router();
  router.get('/api/dev/calls/:callSid/sms', (req, res) => {
    const sid = CallSidParam.safeParse(req.params.callSid);
    if (!sid.success) throw new HttpError(400, sid.error.issues[0].message);
    const q = AfterQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, q.error.issues[0].message);
    // A code must not linger in a proxy's or a browser's cache.
    res.set('Cache-Control', 'no-store');
    res.json(withIsoTimes({ sms: deps.log.of(sid.data, q.data.after) }));
  });
  return router;
}
