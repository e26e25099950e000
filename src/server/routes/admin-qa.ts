import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../platform/clock';
import { QaReviewInputSchema } from '../../quality/qa-review';
import type { QaStore } from '../../stores/qa/qa-store';
import { HttpError } from '../http-error';
import { withIsoTimes } from './iso-times';
import { PageQuery, pageOf } from './page-query';

export const QaListQuery = z
  .object({
    reviewed: z.enum(['true', 'false'], { error: 'reviewed must be true or false' }).transform((v) => v === 'true').optional(),
    ...PageQuery,
  })
  .strict();

const CallSidParam = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'not a call SID (CA followed by letters and digits)');

/**
 * Quality review of recorded agent calls. GET /api/qa?reviewed=&limit=&offset= lists the calls
 * marked for review (QA_SAMPLE_PERCENT of them), newest mark first, paged like /api/calls.
 * PATCH /api/qa/:callSid with `{ score: 1..5, note, reviewer }` records the review (a second
 * replaces the first) and answers the entry; 404 for a call not marked.
 */
export function adminQaRoutes(deps: { qa: QaStore; clock: Clock }): Router {
  const router = Router();
  router.get('/api/qa', async (req, res) => {
    const q = QaListQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, q.error.issues[0].message);
    const { reviewed, limit, offset } = q.data;
    const { items, page } = pageOf(await deps.qa.list({ ...(reviewed !== undefined ? { reviewed } : {}), limit: limit + 1, offset }), { limit, offset });
    res.json(withIsoTimes({ calls: items, page }));
  });
  router.patch('/api/qa/:callSid', async (req, res) => {
    const sid = CallSidParam.safeParse(req.params.callSid);
    if (!sid.success) throw new HttpError(400, sid.error.issues[0].message);
    const body = QaReviewInputSchema.safeParse(req.body ?? {});
    if (!body.success) {
      // Each field's message names the field (QaReviewInputSchema).
      const issue = body.error.issues[0];
      throw new HttpError(400, issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}: send score, note and reviewer` : issue.message);
    }
    const entry = await deps.qa.review(sid.data, { ...body.data, reviewedAt: deps.clock.now() });
    if (!entry) throw new HttpError(404, `call ${sid.data} is not marked for quality review`);
    res.json(withIsoTimes({ entry }));
  });
  return router;
}
