import { tryNormalizeNumber } from '../../hotlines';
import { isAnonymousCaller } from '../sms/sms-policy';
import type { Ticket } from '../tickets/ticket.schema';
import type { CallbackJob, CallbackPolicy } from './callback-job';
import { callbackPolicyOf, type CallCentre } from '../../call-centre/call-centre';
import type { CallbackStore } from './callback-store';

/** How a category's tickets are called back: the promise, the tries, and the agents' queue the customer joins. */
export type CallbackPlan = { withinMinutes: number; policy: CallbackPolicy; queue: string };
/** The plan of a ticket category, or undefined when its tickets are not called back. */
export type CallbackPlans = (category: string) => CallbackPlan | undefined;

/**
 * The first call waits this long after the ticket (or a quarter of the promise, if shorter): a
 * caller who pressed 1 in the queue is still hearing their ticket number and would be busy.
 */
export const FIRST_CALL_AFTER_MS = 2 * 60_000;

/**
 * The centre's plans (flows/ticket-categories.yaml): categories with `callback` are called back
 * within `withinMinutes`, with their own attempts over the centre's `callbacks`, and the customer
 * who answers joins the category's queue: `urgent` (class emergency) for emergencies, `callback`
 * (class vip) for call backs booked from a queue, which agents take by class before the normal
 * queues of callers who rang us.
 */
export function centreCallbackPlans(centre: CallCentre): CallbackPlans {
  return (category) => {
    const found = callbackPolicyOf(centre, category);
    const queue = centre.categories.get(category)?.queue;
    if (!found || !queue) return undefined;
    const { withinMinutes, ...policy } = found;
    return { withinMinutes, policy, queue };
  };
}

/** The job a new ticket promises, or undefined: its category is not called back, or there is no number to call. */
export function callbackJobFor(ticket: Ticket, plan: CallbackPlan | undefined, from: string): CallbackJob | undefined {
  const to = plan && !isAnonymousCaller(ticket.callerPhone) ? tryNormalizeNumber(ticket.callerPhone) : undefined;
  if (!plan || !to) return undefined;
  return {
    ticketId: ticket.id,
    to,
    from,
    hotline: ticket.hotline,
    lang: ticket.lang,
    category: ticket.category,
    queue: plan.queue,
    createdAt: ticket.createdAt,
    promisedBy: ticket.createdAt + plan.withinMinutes * 60_000,
    policy: plan.policy,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: ticket.createdAt + Math.min(FIRST_CALL_AFTER_MS, (plan.withinMinutes * 60_000) / 4),
    claimedUntil: 0,
    results: [],
  };
}

/**
 * Schedules the call back a new ticket promises, once per ticket (a retried webhook, another
 * server, asks again harmlessly). Answers the stored job, or undefined when none is due.
 */
export function callbackScheduler(deps: { store: CallbackStore; plans: CallbackPlans; hotlineNumber: (hotlineId: string) => string }) {
  return async (ticket: Ticket): Promise<CallbackJob | undefined> => {
    const job = callbackJobFor(ticket, deps.plans(ticket.category), deps.hotlineNumber(ticket.hotline));
    return job && deps.store.scheduleOnce(job);
  };
}
