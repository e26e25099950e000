import type { Language } from '../flow/schema/prompt.schema';

/** What the desk needs of an agent (flows/agents.yaml). */
export type DeskAgent = { id: string; name: string; phone?: string; client?: string; skills: readonly string[]; languages: readonly Language[] };

/** Dequeue order across queues: every emergency caller before any VIP, every VIP before the rest. */
export type QueueClass = 'emergency' | 'vip' | 'normal';

/** What the desk needs of a queue (flows/queues.yaml). */
export type DeskQueue = { id: string; name: Partial<Record<Language, string>>; class: QueueClass; skills: readonly string[] };
