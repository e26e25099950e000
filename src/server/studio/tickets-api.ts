import { Router } from 'express';
import { z } from 'zod';
import { TicketChangeError, TicketPatchSchema } from '../../services/tickets/ticket-changes';
import type { TicketDesk } from '../../services/tickets/ticket-desk';
import { HttpError } from '../http-error';
import { requireRole, viewerOf } from './studio-auth';
import { boardTicket, satisfaction, ticketsBoard, type TicketsBoardDeps } from './tickets-board';

const TicketId = z.string().regex(/^\d{8}$/, 'a ticket number is 8 digits, e.g. 20481736');
const SatisfactionQuery = z.object({ days: z.coerce.number('days must be a number of days, 1 to 31').int().min(1).max(31).default(14) }).strict();

/**
 * The studio's tickets page: GET /studio/api/tickets (the open board, every signed-in user, phone
 * numbers masked below supervisor), PATCH /studio/api/tickets/:id { status?, note? } (supervisor
 * or designer; the admin API's rules: statuses only move on, resolving needs the note texted to
 * the caller), GET /studio/api/satisfaction?days= (comments withheld below supervisor).
 */
export function studioTicketsApi(deps: TicketsBoardDeps & { desk: Pick<TicketDesk, 'list' | 'change'> }): Router {
  const router = Router();
  router.get('/tickets', async (req, res) => {
    res.json(await ticketsBoard(deps, viewerOf(req)));
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
    res.json({ ticket: boardTicket(ticket, deps.clock.now(), viewerOf(req)) });
  });
  router.get('/satisfaction', async (req, res) => {
    const q = SatisfactionQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, q.error.issues[0].code === 'unrecognized_keys' ? 'satisfaction takes only days' : q.error.issues[0].message);
    res.json(await satisfaction(deps, viewerOf(req), q.data.days));
  });
  return router;
}
