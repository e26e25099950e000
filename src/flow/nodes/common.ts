import { z } from 'zod';
import { PromptSchema, RetryPromptsSchema } from '../schema/prompt.schema';

export const NodeIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a node id is letters, digits, "_" and "-", starting with a letter');
export const TargetSchema = NodeIdSchema.describe('The id of the node to go to.');
export const VarNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is letters, digits and "_"');

/** How a node that waits for keys handles silence and wrong entries. */
export const RetryFields = {
  timeout: z.number().int().min(1).max(60).default(5).describe('Seconds of silence before a no-input retry.'),
  noInput: RetryPromptsSchema.optional().describe('What to say after silence (default: catalogue "retry.no_input").'),
  invalid: RetryPromptsSchema.optional().describe('What to say after a wrong entry (default: catalogue "retry.invalid").'),
  maxAttempts: z.number().int().min(1).max(10).default(3).describe('Failures before `onExhausted`.'),
  onExhausted: TargetSchema.optional().describe("Where to go after too many failures (default: the flow's person node)."),
};
export const base = {
  description: z.string().optional().describe('A note for flow designers; never spoken.'),
};
export { PromptSchema };
