import type { Priority } from '../flow/runtime/turn';
import type { Language } from '../hotlines';
import type { AgentConfig } from './agent.schema';
import type { QueueClass, QueueConfig } from './queue.schema';
import type { CallbackPolicy, TicketCategoryConfig } from './ticket-category.schema';

/**
 * The call centre as flows/queues.yaml, flows/ticket-categories.yaml and flows/agents.yaml
 * describe it, validated (load-call-centre.ts): the queues a transfer may name, the ticket
 * categories a ticket may have, and the agents the desk knows.
 */
export type CallCentre = {
  /** A hash of the three files' contents: a reload that changes it is refused (the services read them at start). */
  version: string;
  queues: ReadonlyMap<string, QueueConfig>;
  categories: ReadonlyMap<string, TicketCategoryConfig>;
  agents: readonly AgentConfig[];
  /** The call back policy of categories that do not set their own. */
  callbacks: CallbackPolicy;
};

/** The queue the engine puts a caller in when no flow can serve the call (an apology, then a person); queues.yaml must have it. */
export const ENGINE_QUEUE = 'general';
/** The category of the call back a waiting caller asks for (press 1 in a queue); ticket-categories.yaml must have it. */
export const ENGINE_CALLBACK_CATEGORY = 'callback';

/** The categories' ids, in the file's order (there is at least one). */
export function categoryIds(centre: CallCentre): [string, ...string[]] {
  const [first, ...rest] = centre.categories.keys();
  return [first, ...rest];
}

/** How a caller of a queue's class ranks on tickets and call backs made for them. */
export const CLASS_PRIORITY: Readonly<Record<QueueClass, Priority>> = { emergency: 'urgent', vip: 'high', normal: 'normal' };

/** Dequeue order: lower first. */
export const CLASS_RANK: Readonly<Record<QueueClass, number>> = { emergency: 0, vip: 1, normal: 2 };

/** The priority of a caller waiting in `queue` (normal for a queue this centre does not have). */
export function queuePriority(centre: CallCentre, queue: string): Priority {
  const q = centre.queues.get(queue);
  return q ? CLASS_PRIORITY[q.class] : 'normal';
}

/** The reply promise of a ticket category, in minutes. Throws for a category the centre does not have: flows are validated against it. */
export function slaMinutesOf(centre: CallCentre, category: string): number {
  const c = centre.categories.get(category);
  if (!c) throw new Error(`ticket category "${category}" is not in ticket-categories.yaml (known: ${[...centre.categories.keys()].join(', ')})`);
  return c.slaMinutes;
}

/** How tickets of `category` are called back (its own settings over the centre's), or undefined when they are not. */
export function callbackPolicyOf(centre: CallCentre, category: string): (CallbackPolicy & { withinMinutes: number }) | undefined {
  const own = centre.categories.get(category)?.callback;
  if (!own) return undefined;
  return {
    withinMinutes: own.withinMinutes,
    maxAttempts: own.maxAttempts ?? centre.callbacks.maxAttempts,
    retryMinutes: own.retryMinutes ?? centre.callbacks.retryMinutes,
    ringSec: own.ringSec ?? centre.callbacks.ringSec,
  };
}

/** A category's own text for the SMS of a new ticket in `lang`, with the category's name in that language. */
export function ticketSmsText(centre: CallCentre, category: string, lang: Language): { text: string; category: string } | undefined {
  const c = centre.categories.get(category);
  const text = c?.sms?.[lang];
  return c && text ? { text, category: c.name[lang] ?? c.id } : undefined;
}

/** The agent calling the desk: Twilio's `From` is their phone, or `client:<identity>` for a Twilio Client. */
export function agentCalling(centre: CallCentre, from: string): AgentConfig | undefined {
  const client = /^client:(.+)$/.exec(from)?.[1];
  return centre.agents.find((a) => (client !== undefined ? a.client === client : a.phone === from));
}

/** May `agent` take a caller of `queue` who speaks `lang`? One shared skill and the caller's language. */
export function agentServes(agent: AgentConfig, queue: QueueConfig, lang: string): boolean {
  return queue.skills.some((s) => agent.skills.includes(s)) && agent.languages.some((l) => l === lang);
}
