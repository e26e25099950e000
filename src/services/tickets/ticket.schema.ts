import { z } from 'zod';
import { TicketCategorySchema } from '../../flow/nodes/ticket';
import { PrioritySchema } from '../../flow/runtime/turn';

export const TicketStatusSchema = z.enum(['open', 'in_progress', 'resolved']);

export const TicketSchema = z.object({
  id: z.string().regex(/^\d{8}$/),
  /** The idempotency key of the effect that created it: one call never creates the same ticket twice. */
  key: z.string(),
  hotline: z.string(),
  category: TicketCategorySchema,
  priority: PrioritySchema,
  status: TicketStatusSchema,
  callSid: z.string(),
  callerPhone: z.string(),
  accountId: z.string().optional(),
  lang: z.string(),
  summary: z.string(),
  path: z.array(z.string()),
  vars: z.record(z.string(), z.string()),
  recordingUrl: z.string().optional(),
  createdAt: z.number(),
  dueAt: z.number(),
  slaMinutes: z.number(),
  /** Staff notes, oldest first; a note that changed the status carries the new status. */
  notes: z.array(z.object({ at: z.number(), text: z.string(), status: TicketStatusSchema.optional() })),
  /** The caller's 1–5 answer to the satisfaction SMS after the call that opened the ticket. */
  rating: z.number().int().min(1).max(5).optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;
export type TicketStatus = z.infer<typeof TicketStatusSchema>;
export type TicketCategory = Ticket['category'];
