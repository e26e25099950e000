import { Router } from 'express';
import { z } from 'zod';
import { TicketChangeError, TicketPatchSchema } from '../../services/tickets/ticket-changes';
import type { TicketDesk } from '../../services/tickets/ticket-desk';
import { HttpError } from '../http-error';
import { sharedReading } from './event-stream';
import { requireRole, seesPersonalData, viewerOf, type StudioViewer } from './studio-auth';
import { boardTicket, satisfaction, ticketsBoard, type TicketsBoardDeps } from './tickets-board';

const TicketId = z.string().regex(/^\d{8}$/, 'a ticket number is 8 digits, e.g. 20481736');
const SatisfactionQuery = z.object({ days: z.coerce.number('days must be a number of days, 1 to 31').int().min(1).max(31).default(14) }).strict();

/**
 * The studio's tickets page: GET /studio/api/tickets (the open board, every signed-in user, phone
 * numbers masked below supervisor), PATCH /studio/api/tickets/:id { status?, note? } (supervisor
 * or designer; the admin API's rules: statuses only move on, resolving needs the note texted to
 * the caller), GET /studio/api/satisfaction?days= (comments withheld below supervisor).
 */
export function studioTicketsApi(deps: TicketsBoardDeps & { desk: Pick<TicketDesk, 'list' | 'change'>; shareMs?: { board?: number; satisfaction?: number } }): Router {
  const router = Router();
  // Every supervisor gets the same board, every viewer the same masked one: counted once per
  // second (per 10 s for satisfaction, which moves slowly) however many pages are open, so open
  // studios cost the calls little; a change made here is seen at once.
  const boardMs = deps.shareMs?.board ?? 1000;
  const satisfactionMs = deps.shareMs?.satisfaction ?? 10_000;
  const VIEWER: StudioViewer = { name: 'viewers', role: 'viewer' };
  const SUPERVISOR: StudioViewer = { name: 'supervisors', role: 'supervisor' };
  const boards = { masked: sharedReading(() => ticketsBoard(deps, VIEWER), boardMs), open: sharedReading(() => ticketsBoard(deps, SUPERVISOR), boardMs) };
  const satisfactions = new Map<string, ReturnType<typeof sharedReading<Awaited<ReturnType<typeof satisfaction>>>>>();
  const satisfactionFor = (sees: boolean, days: number) => {
    const key = `${sees} ${days}`;
    let shared = satisfactions.get(key);
    if (!shared) satisfactions.set(key, (shared = sharedReading(() => satisfaction(deps, sees ? SUPERVISOR : VIEWER, days), satisfactionMs)));
    return shared();
  };
  router.get('/tickets', async (req, res) => {
    res.json(await (seesPersonalData(viewerOf(req)) ? boards.open : boards.masked)());
  });
  router.patch('/tickets/:id', requireRole('supervisor'), async (req, res) => {
    const id = TicketId.safeParse(req.params.id);
    if (!id.success) throw new HttpError(400, id.error.issues[0].message);
    const patch = TicketPatchSchema.safeParse(req.body ?? {});
    if (!patch.success) throw new HttpError(400, patch.error.issues[0].message);
    let ticket;
    try {
      ticket = await deps.desk.change(id.data, patch.data);
    } catch (err) {
      if (err instanceof TicketChangeError) throw new HttpError(err.reason === 'backwards' ? 409 : 400, err.message);
      throw err;
    }
    if (!ticket) throw new HttpError(404, `no ticket ${id.data}`);
    boards.open.forget();
    boards.masked.forget();
    res.json({ ticket: boardTicket(ticket, deps.clock.now(), viewerOf(req)) });
  });
  router.get('/satisfaction', async (req, res) => {
    const q = SatisfactionQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, q.error.issues[0].code === 'unrecognized_keys' ? 'satisfaction takes only days' : q.error.issues[0].message);
    res.json(await satisfactionFor(seesPersonalData(viewerOf(req)), q.data.days));
  });
  return router;
}
