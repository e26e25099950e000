import type { Ticket } from '../services/tickets/ticket.schema';

/** A due ticket is one whose promise falls within this time from now. */
export const DUE_SOON_MS = 60 * 60_000;

/**
 * Where a ticket stands against its reply promise at `now`: `open` (unresolved, due later than an
 * hour from now), `due` (unresolved, due within the hour), `breached` (unresolved past its due
 * time, or resolved after it) or `met` (resolved in time). Pure.
 */
export type SlaStatus = 'open' | 'due' | 'breached' | 'met';

export function slaStatus(t: Ticket, now: number): SlaStatus {
  if (t.status === 'resolved') {
    const resolvedAt = [...t.notes].reverse().find((n) => n.status === 'resolved')?.at ?? now;
    return resolvedAt <= t.dueAt ? 'met' : 'breached';
  }
  if (now > t.dueAt) return 'breached';
  return t.dueAt - now <= DUE_SOON_MS ? 'due' : 'open';
}
