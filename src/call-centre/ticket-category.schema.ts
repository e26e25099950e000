import { z } from 'zod';
import { LanguageSchema, SlugSchema } from '../hotlines';
import { PrioritySchema } from '../flow/runtime/turn';

/**
 * Schema of flows/ticket-categories.yaml: the kinds of ticket flows open, their reply promise and
 * who handles them, and which are called back. Adding a category is an edit of this file.
 */

/** How a ticket's call back is placed (Amazon Connect's queued callbacks have the same three knobs). */
export const CallbackPolicySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(10).default(3).describe('Calls placed before the customer is texted and a person takes over.'),
    retryMinutes: z.number().int().min(1).max(24 * 60).default(10).describe('Wait between two attempts.'),
    ringSec: z.number().int().min(10).max(60).default(30).describe('How long each attempt rings.'),
  })
  .strict();
export type CallbackPolicy = z.infer<typeof CallbackPolicySchema>;

/** The placeholders a category's SMS text may use. */
export const TICKET_SMS_PLACEHOLDERS = ['ticketId', 'sla', 'category'] as const;

const TicketSmsTextSchema = z
  .string()
  .min(1)
  .max(300, { error: 'an SMS text is at most 300 characters (longer texts are split and cost several SMS)' })
  .superRefine((text, ctx) => {
    for (const [, name] of text.matchAll(/\{([^}]*)\}/g)) {
      if (!(TICKET_SMS_PLACEHOLDERS as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}: an SMS text may use ${TICKET_SMS_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
      }
    }
  });

export const TicketCategoryConfigSchema = z
  .object({
    id: SlugSchema.describe('The category flows name in `ticket.category`.'),
    name: z.record(LanguageSchema, z.string().min(1)).describe('What the caller hears and agents read.'),
    slaMinutes: z.number().int().min(1).max(90 * 24 * 60).describe('The reply promise, in minutes (seeds: 48 h by default, 24 h for bans, 15 min for emergencies).'),
    queue: SlugSchema.describe('The queue whose agents handle it (and take its call backs).'),
    priority: PrioritySchema.optional().describe("Its tickets' priority when the flow does not give one."),
    callback: z
      .object({ withinMinutes: z.number().int().min(1).max(7 * 24 * 60).describe('The call back is placed within this time.') })
      .extend(CallbackPolicySchema.partial().shape)
      .strict()
      .optional()
      .describe('Present: tickets of this category are called back by the dialler.'),
    sms: z
      .record(LanguageSchema, TicketSmsTextSchema)
      .optional()
      .describe("The SMS a caller gets when a ticket of this category opens, per language: {ticketId}, {sla} (e.g. 15分钟 / 15 minutes), {category} (its name). Default: the engine's text."),
    progressEveryMinutes: z.number().int().min(5).max(24 * 60).optional().describe('Present: a progress SMS every N minutes until resolved (seeds: system faults, 30).'),
  })
  .strict();
export type TicketCategoryConfig = z.infer<typeof TicketCategoryConfigSchema>;

export const TicketCategoriesFileSchema = z
  .object({
    callbacks: CallbackPolicySchema.default({ maxAttempts: 3, retryMinutes: 10, ringSec: 30 }).describe('The call back policy of categories that do not set their own.'),
    categories: z.array(TicketCategoryConfigSchema).min(1),
  })
  .strict();
export type TicketCategoriesFile = z.infer<typeof TicketCategoriesFileSchema>;
