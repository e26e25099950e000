import { z } from 'zod';
import { TicketStatusSchema, type Ticket, type TicketStatus } from './ticket.schema';

/** What staff may change on a ticket: move its status on, add a note, or both. */
export const TicketPatchSchema = z
  .object({
    status: z.enum(TicketStatusSchema.options, 'status must be open, in_progress or resolved').optional(),
    note: z.string('note must be text').trim().min(1, 'note is empty').max(2000, 'note is at most 2000 characters').optional(),
  })
  .strict()
  .refine((p) => p.status !== undefined || p.note !== undefined, 'send a status (open, in_progress, resolved), a note, or both');
export type TicketPatch = z.infer<typeof TicketPatchSchema>;

/**
 * The change is not allowed: a status going back (`backwards`, the ticket's state forbids it) or
 * a resolution without its result (`result_missing`, the request lacks a note).
 */
export class TicketChangeError extends Error {
  readonly code = 'TICKET_CHANGE';
  constructor(
    readonly reason: 'backwards' | 'result_missing',
    message: string,
  ) {
    super(message);
  }
}

const ORDER: Record<TicketStatus, number> = { open: 0, in_progress: 1, resolved: 2 };

/**
 * A ticket after a staff change (pure). Statuses only move on: open → in_progress → resolved
 * (skipping in_progress is fine). Resolving needs a note, the result the caller is texted. The
 * same status again is no change; a note is kept with the time and, if it moved the status, the status.
 */
export function applyTicketPatch(ticket: Ticket, patch: TicketPatch, at: number): Ticket {
  const status = patch.status ?? ticket.status;
  if (ORDER[status] < ORDER[ticket.status]) {
    throw new TicketChangeError('backwards', `ticket ${ticket.id} is ${ticket.status}; it cannot go back to ${status} (open → in_progress → resolved)`);
  }
  const moved = status !== ticket.status;
  if (moved && status === 'resolved' && patch.note === undefined) {
    throw new TicketChangeError('result_missing', `resolving ticket ${ticket.id} needs a note: the result, which is texted to the caller`);
  }
  if (!moved && patch.note === undefined) return ticket;
  return { ...ticket, status, notes: [...ticket.notes, { at, text: patch.note ?? '', ...(moved ? { status } : {}) }] };
}

/** The note that resolved the ticket: the result the caller is told. */
export function resolution(ticket: Ticket): string | undefined {
  return [...ticket.notes].reverse().find((n) => n.status === 'resolved')?.text;
}
