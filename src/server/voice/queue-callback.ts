import type { EffectHandlers } from '../../call/effect-handlers';
import { callbackPolicyOf, ENGINE_CALLBACK_CATEGORY, queuePriority, type CallCentre } from '../../call-centre/call-centre';
import type { EffectCall, Queue } from '../../flow/runtime/turn';
import type { TicketStore } from '../../services/tickets/ticket-store';
import type { Logger } from 'pino';
import type { CallRecord } from '../../stores/calls/call-record';
import type { CallStore } from '../../stores/calls/call-store';
import type { SessionStore } from '../../stores/session/session-store';

/** A ticket promising the caller a call back: its number and how soon. */
export type Callback = { id: string; slaMinutes: number };

export type CallbackDeps = {
  sessions: SessionStore;
  calls: CallStore;
  tickets: TicketStore;
  handlers: EffectHandlers;
  now: () => number;
  /** A call back booked from a queue is ranked by the queue's class (emergency: urgent, vip: high). */
  centre: CallCentre;
  /** Told when the call record could not be updated after the ticket was made (the caller is answered anyway). */
  logger?: Pick<Logger, 'warn'>;
};

/**
 * Adds the ticket to the call record. The ticket already names the call (GET /api/calls/:callSid
 * joins tickets by it), so a record that cannot be written now never costs the caller their answer.
 */
export async function noteTicketOnRecord(deps: CallbackDeps, callSid: string, change: (r: CallRecord) => CallRecord): Promise<void> {
  try {
    await deps.calls.update(callSid, change);
  } catch (err) {
    deps.logger?.warn({ err, callSid }, 'could not note the ticket on the call record; the ticket names the call');
  }
}

/**
 * The call's open ticket that already promises a call back: one of a category ticket-categories.yaml
 * has called back (an emergency's 15 minutes, or one booked before).
 */
async function promisedCallback(tickets: TicketStore, centre: CallCentre, callSid: string): Promise<Callback | undefined> {
  const open = (await tickets.list({ callSid })).filter((t) => t.status !== 'resolved' && callbackPolicyOf(centre, t.category) !== undefined);
  const t = open.at(-1);
  return t && { id: t.id, slaMinutes: t.slaMinutes };
}

/** Who is calling, as the flow knew them (the verified account too), or as the call record has it. */
export async function callerOf(deps: CallbackDeps, callSid: string): Promise<EffectCall | undefined> {
  const session = await deps.sessions.get(callSid, deps.now());
  if (session) {
    const ctx = session.snapshot.context;
    return { sid: callSid, from: ctx.call.from, hotline: ctx.call.hotline, lang: ctx.lang, path: ctx.path, ...(ctx.account ? { accountId: ctx.account.id } : {}) };
  }
  const record = await deps.calls.get(callSid);
  return record && { sid: callSid, from: record.caller, hotline: record.hotline, lang: record.lang, path: record.path };
}

/**
 * The call back a caller waiting in `queue` asked for (or was given when the queue could not take
 * them): the ticket the call already has that promises one, else a new `callback` ticket made by
 * the ticket service (number texted through the outbox). Keyed by the call, so pressing 1 twice,
 * or Twilio retrying, books one. Throws when the call is unknown or the ticket cannot be made.
 */
export async function bookCallback(deps: CallbackDeps, callSid: string, queue: Queue): Promise<Callback> {
  const promised = await promisedCallback(deps.tickets, deps.centre, callSid);
  if (promised) return promised;
  const call = await callerOf(deps, callSid);
  if (!call) throw new Error(`no call ${callSid} to book a call back for (it never rang here, or expired)`);
  const made = await deps.handlers.createTicket({
    id: 'queue-callback',
    kind: 'createTicket',
    key: `${callSid}/queue-callback`,
    args: { category: ENGINE_CALLBACK_CATEGORY, priority: queuePriority(deps.centre, queue), summary: `排队等待时选择回电（${queue}队列）`, notify: true, vars: {} },
    call,
  });
  const id = made.ticketId;
  await noteTicketOnRecord(deps, callSid, (r) => (r.ticketIds.includes(id) ? r : { ...r, ticketIds: [...r.ticketIds, id] }));
  return { id, slaMinutes: made.slaMinutes };
}

/** The call back of a call, if one was booked or promised (no ticket is made). */
export const findCallback = (tickets: TicketStore, centre: CallCentre, callSid: string) => promisedCallback(tickets, centre, callSid);
