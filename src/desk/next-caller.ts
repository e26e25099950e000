import type { AgentConfig } from '../call-centre/agent.schema';
import { agentServes, CLASS_RANK } from '../call-centre/call-centre';
import type { QueueConfig } from '../call-centre/queue.schema';
import type { CallerBrief } from './caller-brief';
import { PRIORITY_RANK } from '../flow/runtime/turn';
import type { WaitingQueue } from './queue-directory';

/** The queues an agent may take callers from: those sharing one of their skills. */
export function agentQueues(agent: AgentConfig, queues: Iterable<QueueConfig>): QueueConfig[] {
  return [...queues].filter((q) => q.skills.some((s) => agent.skills.includes(s)));
}

/** A queue's front caller, with what we know of them. */
export type Candidate = { queue: QueueConfig; waiting: WaitingQueue; brief: CallerBrief };

/**
 * The caller an agent takes next (pure): among the front callers of the agent's queues who speak
 * one of the agent's languages, the most urgent class first (emergency > vip > normal), then the
 * caller's own priority (urgent > high > normal: a transfer's, raised a step for a distressed
 * caller), then the one waiting longest. Only a queue's front caller can be taken (<Dial><Queue> bridges the oldest),
 * so a queue whose front caller speaks another language is left to another agent.
 */
export function nextCaller(agent: AgentConfig, candidates: readonly Candidate[]): Candidate | undefined {
  return candidates
    // A caller whose language is unknown is for an agent who speaks one of the queue's.
    .filter((c) => (c.brief.lang ? agentServes(agent, c.queue, c.brief.lang) : c.queue.languages.some((l) => agent.languages.includes(l))))
    .sort(
      (a, b) =>
        CLASS_RANK[a.queue.class] - CLASS_RANK[b.queue.class] ||
        PRIORITY_RANK[a.brief.priority ?? 'normal'] - PRIORITY_RANK[b.brief.priority ?? 'normal'] ||
        a.waiting.front.enqueuedAt - b.waiting.front.enqueuedAt ||
        a.queue.id.localeCompare(b.queue.id),
    )[0];
}
