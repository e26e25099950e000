import { Router } from 'express';
import { z } from 'zod';
import { formatDiagnostic } from '../../diagnostics';
import { parseInstant } from '../../platform/clock';
import { ActivateInputSchema, PublishInputSchema } from '../../releases/release-api.schema';
import { DraftInvalidError, UnknownReleaseError, type ReleaseDesk } from '../../releases/release-desk';
import type { ReleaseDiff } from '../../releases/release-diff';
import { formatReleaseDiff } from '../../releases/format-release-diff';
import type { Release } from '../../stores/releases/release-store';
import { HttpError } from '../http-error';
import type { ReleaseRuntime } from '../releases/release-runtime';
import { withIsoTimes } from './iso-times';

const Ref = z.string().regex(/^(\d+|[0-9a-f]{4,64}|draft|active)$/, 'a release is its number (3), its id (or 4+ of its first hex digits), active or draft');

/**
 * The releases of the admin API: GET /api/releases, POST /api/releases (publish this server's
 * working files), POST /api/releases/:id/activate (roll back or forward), GET /api/releases/:a/diff/:b.
 * Who did it, in the audit, is the admin token's name (and `by`, when given).
 */
export function adminReleaseRoutes(deps: { desk: ReleaseDesk; runtime: ReleaseRuntime; tokenName: string }): Router {
  const router = Router();
  const who = (by: string | undefined) => (by ? `${by} (${deps.tokenName})` : deps.tokenName);
  const body = <T>(schema: z.ZodType<T>, raw: unknown): T => {
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0].message);
    return parsed.data;
  };
  const when = (at: string | undefined) => {
    try {
      return at === undefined ? undefined : parseInstant(at);
    } catch (err) {
      throw new HttpError(400, `at: ${(err as Error).message}`);
    }
  };
  const view = (r: Release, active: string | undefined) => ({ id: r.id, seq: r.seq, message: r.message, by: r.by, createdAt: r.createdAt, active: r.id === active, files: r.manifest.length, flows: r.flows });
  const diffView = (d: ReleaseDiff) => ({ ...d, text: formatReleaseDiff(d) });
  const known = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof UnknownReleaseError) throw new HttpError(404, err.message);
      if (err instanceof DraftInvalidError) throw new HttpError(422, `${err.message}: ${err.diagnostics.slice(0, 5).map(formatDiagnostic).join('; ')}`);
      throw err;
    }
  };

  router.get('/api/releases', async (_req, res) => {
    const v = await deps.desk.versions();
    res.json(withIsoTimes({ active: v.active ?? null, releases: v.releases.map((r) => view(r, v.active)), scheduled: v.scheduled, audit: v.audit }));
  });
  router.post('/api/releases', async (req, res) => {
    const input = body(PublishInputSchema, req.body);
    const at = when(input.at);
    const result = await deps.desk.publish({ message: input.message, by: who(input.by), ...(at !== undefined ? { at } : {}) });
    if (!result.ok) {
      res.status(422).json({ error: `the working files have ${result.diagnostics.length} problem(s); nothing was published`, diagnostics: result.diagnostics.map(formatDiagnostic) });
      return;
    }
    await deps.runtime.check('published through the admin API');
    const active = await deps.desk.versions().then((v) => v.active);
    res.status(result.created ? 201 : 200).json(withIsoTimes({ release: view(result.release, active), from: result.from?.id ?? null, activateAt: result.activateAt, unchanged: result.unchanged, diff: diffView(result.diff) }));
  });
  router.post('/api/releases/:release/activate', async (req, res) => {
    const ref = Ref.safeParse(req.params.release);
    if (!ref.success) throw new HttpError(400, ref.error.issues[0].message);
    const input = body(ActivateInputSchema, req.body);
    const at = when(input.at);
    const result = await known(() => deps.desk.activate({ ref: ref.data, by: who(input.by), ...(at !== undefined ? { at } : {}), ...(input.message ? { message: input.message } : {}) }));
    await deps.runtime.check('activated through the admin API');
    const active = await deps.desk.versions().then((v) => v.active);
    res.json(withIsoTimes({ release: view(result.release, active), from: result.from?.id ?? null, activateAt: result.activateAt, unchanged: result.unchanged, diff: diffView(result.diff) }));
  });
  router.get('/api/releases/:a/diff/:b', async (req, res) => {
    const a = Ref.safeParse(req.params.a);
    const b = Ref.safeParse(req.params.b);
    if (!a.success || !b.success) throw new HttpError(400, (a.error ?? b.error)!.issues[0].message);
    res.json(diffView(await known(() => deps.desk.diff(a.data, b.data))));
  });
  return router;
}
