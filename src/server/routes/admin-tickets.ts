import { Router } from 'express';
import { z } from 'zod';
import { tryNormalizeNumber } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import { TicketChangeError, TicketPatchSchema } from '../../services/tickets/ticket-changes';
import type { TicketDesk } from '../../services/tickets/ticket-desk';
import { TicketStatusSchema, type Ticket } from '../../services/tickets/ticket.schema';
import { HttpError } from '../http-error';
import { withIsoTimes } from './iso-times';
import { PageQuery, pageOf } from './page-query';

/** The list's filters; `category` is one of ticket-categories.yaml's. */
const listQuery = (categories: readonly [string, ...string[]]) => z
  .object({
    phone: z
      .string()
      .transform((p, ctx) => tryNormalizeNumber(p) ?? (ctx.addIssue({ code: 'custom', message: 'phone must be a phone number, e.g. %2B8613800138000 (encode + as %2B)' }), z.NEVER))
      .optional(),
    status: z.enum(TicketStatusSchema.options, 'status must be open, in_progress or resolved').optional(),
    category: z.enum(categories, `category must be one of ${categories.join(', ')}`).optional(),
    overdue: z.literal('true', 'overdue only takes true: tickets not resolved and past their due time').optional(),
    ...PageQuery,
  })
  .strict();

/** One line saying what is wrong with a query or a body. */
function firstProblem(error: z.ZodError, fields: string): string {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') return `unknown ${issue.keys.join(', ')}; use ${fields}`;
  return issue.message;
}

const TicketId = z.string().regex(/^\d{8}$/, 'a ticket number is 8 digits, e.g. 20481736');

/** A ticket as staff see it: with whether it is overdue now. */
const view = (t: Ticket, now: number) => ({ ...t, overdue: t.status !== 'resolved' && t.dueAt < now });

/**
 * The tickets of the admin API: GET /api/tickets (filters phone, status, category, overdue=true;
 * one page oldest first, `limit` 100 by default and at most 500, `offset`, `page.next`),
 * GET /api/tickets/:id, PATCH /api/tickets/:id { status?, note? }. Resolving texts the caller
 * the note as the result, once.
 */
export function adminTicketRoutes(deps: { desk: TicketDesk; clock: Clock; categories: readonly [string, ...string[]] }): Router {
  const router = Router();
  const ListQuery = listQuery(deps.categories);
  const ticketId = (raw: string) => {
    const id = TicketId.safeParse(raw);
    if (!id.success) throw new HttpError(400, id.error.issues[0].message);
    return id.data;
  };
  router.get('/api/tickets', async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, firstProblem(q.error, 'phone, status, category, overdue=true, limit or offset'));
    const now = deps.clock.now();
    const { phone, status, category, overdue, limit, offset } = q.data;
    const tickets = await deps.desk.list({
      limit: limit + 1,
      offset,
      ...(phone ? { phone } : {}),
      ...(status ? { status } : {}),
      ...(category ? { category } : {}),
      ...(overdue ? { overdueAt: now } : {}),
    });
    const { items, page } = pageOf(tickets, { limit, offset });
    res.json(withIsoTimes({ tickets: items.map((t) => view(t, now)), page }));
  });
  router.get('/api/tickets/:id', async (req, res) => {
    const id = ticketId(req.params.id);
    const ticket = await deps.desk.get(id);
    if (!ticket) throw new HttpError(404, `no ticket ${id}`);
    res.json(withIsoTimes({ ticket: view(ticket, deps.clock.now()) }));
  });
  router.patch('/api/tickets/:id', async (req, res) => {
    const id = ticketId(req.params.id);
    const patch = TicketPatchSchema.safeParse(req.body ?? {});
    if (!patch.success) throw new HttpError(400, firstProblem(patch.error, 'status and/or note'));
    let ticket;
    try {
      ticket = await deps.desk.change(id, patch.data);
    } catch (err) {
      // Going back is refused by the ticket's state (409); a resolution without its result is a bad request.
      if (err instanceof TicketChangeError) throw new HttpError(err.reason === 'backwards' ? 409 : 400, err.message);
      throw err;
    }
    if (!ticket) throw new HttpError(404, `no ticket ${id}`);
    res.json(withIsoTimes({ ticket: view(ticket, deps.clock.now()) }));
  });
  return router;
}
