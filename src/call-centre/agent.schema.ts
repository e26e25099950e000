import { z } from 'zod';
import { E164Schema, LanguageSchema, SlugSchema } from '../hotlines';

/**
 * Schema of flows/agents.yaml: who may call the agent desk, and which callers they may take. An
 * agent's phone (E.164, Twilio's `From`) or Twilio Client identity (`client:<identity>`) is how the
 * desk knows them.
 */
export const AgentConfigSchema = z
  .object({
    id: SlugSchema,
    name: z.string().min(1),
    phone: E164Schema.optional().describe("The agent's phone, as Twilio's From gives it."),
    client: z
      .string()
      .regex(/^[A-Za-z0-9_.@-]{1,121}$/, { error: 'a Twilio Client identity is letters, digits and _ . @ - (at most 121)' })
      .optional()
      .describe('The identity of their Twilio Client (softphone).'),
    skills: z.array(SlugSchema).min(1).describe('Queues with one of these skills are theirs.'),
    languages: z.array(LanguageSchema).min(1).describe('They take callers speaking one of these; the first is the language of their whisper.'),
  })
  .strict()
  .refine((a) => a.phone !== undefined || a.client !== undefined, { error: 'an agent needs a `phone` or a `client` identity: the desk knows them by it', path: ['phone'] });
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

export const AgentsFileSchema = z.object({ agents: z.array(AgentConfigSchema) }).strict();
export type AgentsFile = z.infer<typeof AgentsFileSchema>;
