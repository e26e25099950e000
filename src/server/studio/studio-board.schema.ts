import { z } from 'zod';

/**
 * What the studio's hotlines and tickets pages receive: shared by the server (which parses what it
 * sends, so a field cannot drift) and the page (`import type`). Only zod here: the page's
 * compiler sees this file and nothing of the server behind it.
 */

const Rate = z.number().nullable();

export const HotlineCardSchema = z.object({
  id: z.string(),
  name: z.record(z.string(), z.string()),
  numbers: z.array(z.string()),
  languages: z.array(z.string()),
  timezone: z.string(),
  /** The weekly hours as callers hear them, per language ("每天8:00至24:00"). */
  hoursText: z.record(z.string(), z.string()),
  /** Dated overrides from today on (in the line's zone). */
  overrides: z.array(z.object({ date: z.string(), closed: z.boolean(), hours: z.array(z.string()), reason: z.string().optional() })),
  open: z.boolean(),
  /** When it next opens or closes (epoch ms), null when not within eight days. */
  nextChange: z.object({ at: z.number(), opens: z.boolean() }).nullable(),
  live: z.object({
    /** Calls of the line in progress now (started within the last four hours). */
    inProgress: z.number().int(),
    /** Per agents' queue the line's callers are in: waiting for an agent, and talking to one. */
    queues: z.array(z.object({ queue: z.string(), waiting: z.number().int(), withAgent: z.number().int() })),
  }),
  today: z.object({
    calls: z.number().int(),
    selfServiceRate: Rate,
    transferRate: Rate,
    abandonmentRate: Rate,
    averageWaitSec: Rate,
    emergencies: z.number().int(),
    slaBreaches: z.number().int(),
  }),
});
export type HotlineCard = z.infer<typeof HotlineCardSchema>;

export const HotlinesBoardSchema = z.object({
  /** The server's clock (virtual in tests and simulations): the page counts from it, not from the browser's. */
  now: z.number(),
  /** The zone "today" is counted in. */
  reportZone: z.string(),
  hotlines: z.array(HotlineCardSchema),
});
export type HotlinesBoard = z.infer<typeof HotlinesBoardSchema>;

export const BoardTicketSchema = z.object({
  id: z.string(),
  hotline: z.string(),
  category: z.string(),
  priority: z.string(),
  status: z.enum(['open', 'in_progress', 'resolved']),
  /** Masked (138****8000) unless the user sees personal data. */
  callerPhone: z.string(),
  summary: z.string(),
  createdAt: z.number(),
  dueAt: z.number(),
  slaMinutes: z.number(),
  overdue: z.boolean(),
  notes: z.array(z.object({ at: z.number(), text: z.string(), status: z.string().optional() })),
});
export type BoardTicket = z.infer<typeof BoardTicketSchema>;

export const TicketsBoardSchema = z.object({
  now: z.number(),
  /** Whether this user may move tickets on (supervisor, designer). */
  canChange: z.boolean(),
  categories: z.array(z.object({ id: z.string(), name: z.record(z.string(), z.string()), slaMinutes: z.number(), tickets: z.array(BoardTicketSchema) })),
});
export type TicketsBoard = z.infer<typeof TicketsBoardSchema>;

export const SatisfactionSchema = z.object({
  now: z.number(),
  days: z.number().int(),
  sent: z.number().int(),
  answered: z.number().int(),
  responseRate: Rate,
  firstContactRate: Rate,
  average: Rate,
  distribution: z.record(z.enum(['1', '2', '3', '4', '5']), z.number().int()),
  /** Per day (the report zone's dates), oldest first. */
  trend: z.array(z.object({ date: z.string(), rated: z.number().int(), average: Rate })),
  /** The newest comments; text and phone masked unless the user sees personal data. */
  comments: z.array(z.object({ at: z.number(), hotline: z.string(), rating: z.number().int().nullable(), phone: z.string(), text: z.string() })),
});
export type Satisfaction = z.infer<typeof SatisfactionSchema>;
