import { Router } from 'express';
import { z } from 'zod';
import type { Project } from '../../flow/load/load-project';
import { HttpError } from '../http-error';
import { readDraft, type Draft } from './draft-flows';
import { readReleaseFiles } from '../../releases/release-files';
import { manifestOf } from '../../releases/release-manifest';
import { draftDiff, flowList, flowView, type Published } from './flow-view';
import type { FlowList, FlowView } from './flow-view.schema';

const FlowIdSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a flow id is lower-case letters, digits, "_" and "-"');

/** The published side of the comparison, from a loaded project. */
export const publishedOf = (project: Project, baseline: Published['baseline']): Published => ({
  flows: project.env.flows,
  catalogue: project.env.catalogue,
  centre: project.centre,
  baseline,
});

/**
 * The studio's flows page: GET /flows lists the draft's flows, GET /flows/:id draws one. The
 * draft directory's files are read on every request, so a designer sees an edit (and its errors)
 * on the next reload without the server reloading anything; they are validated and compiled again
 * only when their contents changed (the hash of the files, as a release names them), since that
 * blocks the calls' event loop for a few hundred milliseconds. Every signed-in role may read.
 */
export function flowsApi({ draftDir, published }: { draftDir: string; published: () => Published }): Router {
  const router = Router();
  let cached: { files: string; draft: Draft } | undefined;
  const readDraftOnce = (): Draft => {
    const files = manifestOf(readReleaseFiles(draftDir)).id;
    if (cached?.files !== files) cached = { files, draft: readDraft(draftDir) };
    return cached.draft;
  };
  router.get('/flows', (_req, res) => {
    const draft = readDraftOnce();
    const against = published();
    const body: FlowList = flowList(draft, against, draftDiff(draft, against));
    res.json(body);
  });
  router.get('/flows/:id', (req, res, next) => {
    const id = FlowIdSchema.safeParse(req.params.id);
    if (!id.success) return next(new HttpError(400, `flow id "${req.params.id}": ${id.error.issues[0].message}`));
    const draft = readDraftOnce();
    const against = published();
    const body: FlowView | undefined = flowView(id.data, draft, against, draftDiff(draft, against));
    if (!body) return next(new HttpError(404, `no flow "${id.data}" in ${draftDir} (flows: ${draft.flows.map((f) => f.id).join(', ')})`));
    res.json(body);
  });
  return router;
}
