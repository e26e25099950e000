import { z } from 'zod';
import { LanguageSchema, SlugSchema, WeeklyHoursSchema } from '../hotlines';

/**
 * Schema of flows/queues.yaml: the call centre's queues of agents. Each is one Twilio queue (its
 * id is the queue's friendlyName). Adding a queue is an edit of this file, never a code change.
 */

/** Which queues an agent takes callers from first: every emergency caller before any VIP, every VIP before the rest. */
export const QueueClassSchema = z.enum(['emergency', 'vip', 'normal']);
export type QueueClass = z.infer<typeof QueueClassSchema>;

/** Where a caller goes who cannot wait any longer: another queue (once), or an offer instead of the wait. */
export const OverflowSchema = z.union(
  [
    z.object({ queue: SlugSchema.describe('Another queue to wait in (one hop: its own overflow is an offer, never back).') }).strict(),
    z.object({ offer: z.enum(['callback', 'voicemail']).describe('Offer a call back (press 1) or a voicemail instead of waiting.') }).strict(),
  ],
  { error: 'overflow is `{ queue: <queue id> }` or `{ offer: callback }` or `{ offer: voicemail }`' },
);
export type Overflow = z.infer<typeof OverflowSchema>;

export const QueueConfigSchema = z
  .object({
    id: SlugSchema.max(64).describe('The queue id flows name in `transfer.queue`; also its Twilio queue name.'),
    name: z.record(LanguageSchema, z.string().min(1)).describe('What agents and reports call it.'),
    class: QueueClassSchema.default('normal').describe('emergency > vip > normal: the order agents take callers in.'),
    skills: z.array(SlugSchema).min(1).describe('An agent with one of these skills may take its callers.'),
    languages: z.array(LanguageSchema).min(1).describe("The callers' languages it serves; the agent must speak the caller's."),
    maxWaitSec: z.number().int().min(10).max(3600).default(120).describe('Past this wait the caller gets the overflow (seeds: 30 s to 2 min on average).'),
    maxSize: z.number().int().min(1).max(1000).default(50).describe('Callers beyond this place get the overflow at once.'),
    overflow: OverflowSchema.default({ offer: 'callback' }),
    hours: WeeklyHoursSchema.optional().describe("When agents take this queue, if not its line's hours (in the line's time zone)."),
  })
  .strict();
export type QueueConfig = z.infer<typeof QueueConfigSchema>;

export const QueuesFileSchema = z
  .object({ queues: z.array(QueueConfigSchema).min(1, { error: 'queues lists no queue: a transfer needs at least one' }) })
  .strict();
export type QueuesFile = z.infer<typeof QueuesFileSchema>;
