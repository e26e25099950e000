import type { Language } from '../flow/schema/prompt.schema';
import type { Priority } from '../flow/runtime/turn';
import type { TicketStore } from '../services/tickets/ticket-store';
import type { CallStore } from '../stores/calls/call-store';
import type { SessionStore } from '../stores/session/session-store';

/** What an agent is told about the caller coming to them: from our call record, session and tickets. */
export type CallerBrief = {
  callSid: string;
  /** The line they called and their language; unknown without our call record. */
  hotline?: string;
  lang?: Language;
  /** The caller passed the identity check in this call (or a ticket of it names their account). */
  verified: boolean;
  /** Why they called, when a ticket of this call says it: its summary (in the flow's words) and category. */
  reason?: string;
  category?: string;
  /** The last step of their path through the flow (a node id: for screens, not spoken). */
  lastStep?: string;
  /** Their newest ticket of this call still open. */
  ticketId?: string;
  /** Their transfer's priority, raised a step when they sounded distressed. */
  priority?: Priority;
  /** They sounded distressed (complaint, anger, hurry) in a spoken answer. */
  distressed?: true;
};

export type BriefDeps = { calls: CallStore; sessions: SessionStore; tickets: TicketStore; now: () => number };

/**
 * The brief on a waiting caller. The session (verified account) may have expired on a long wait;
 * the tickets still say whose account it was. Without our call record (put in the queue by another
 * system, or the record lost) only the CallSid is known: such a caller is still taken, never left
 * to block their queue.
 */
export async function callerBrief(deps: BriefDeps, callSid: string): Promise<CallerBrief> {
  const [record, session, tickets] = await Promise.all([deps.calls.get(callSid), deps.sessions.get(callSid, deps.now()), deps.tickets.list({ callSid })]);
  if (!record) return { callSid, verified: false };
  const open = tickets.filter((t) => t.status !== 'resolved').sort((a, b) => a.createdAt - b.createdAt);
  const ticket = open.at(-1);
  const ctx = session?.snapshot.context;
  const lastStep = (ctx?.path ?? record.path).at(-1);
  return {
    callSid,
    hotline: record.hotline,
    lang: ctx?.lang ?? record.lang,
    verified: ctx?.account !== undefined || tickets.some((t) => t.accountId !== undefined),
    ...(ticket ? { reason: ticket.summary, category: ticket.category, ticketId: ticket.id } : {}),
    ...(lastStep ? { lastStep } : {}),
    ...(record.transfer ? { priority: record.transfer.priority } : {}),
    ...(record.distressed || ctx?.distressed ? { distressed: true as const } : {}),
  };
}
