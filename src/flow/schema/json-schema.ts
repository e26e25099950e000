import { LexiconSchema } from '../../speech/lexicon.schema';
import { z } from 'zod';
import { FlowSchema } from './flow.schema';
import { CatalogueFileSchema } from './prompt.schema';
import { HotlinesFileSchema } from '../../hotlines';
import { AgentsFileSchema } from '../../call-centre/agent.schema';
import { CallScriptFileSchema } from '../../coverage/call-script.schema';
import { QueuesFileSchema } from '../../call-centre/queue.schema';
import { TicketCategoriesFileSchema } from '../../call-centre/ticket-category.schema';

/**
 * JSON Schemas for editors, generated from the zod schemas (the single source of truth), so a
 * designer's editor validates and completes flow files as they type. `ivr schema` writes them to
 * docs/schema/, and a test fails when the committed files are stale.
 */
export const JSON_SCHEMAS = {
  'flow.schema.json': FlowSchema,
  'hotlines.schema.json': HotlinesFileSchema,
  'prompts.schema.json': CatalogueFileSchema,
  'queues.schema.json': QueuesFileSchema,
  'ticket-categories.schema.json': TicketCategoriesFileSchema,
  'agents.schema.json': AgentsFileSchema,
  'calls.schema.json': CallScriptFileSchema,
  'speech.schema.json': LexiconSchema,
} as const;

export function jsonSchemaFor(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'ref' }), null, 2)}\n`;
}
