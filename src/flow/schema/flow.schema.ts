import { z } from 'zod';
import { NODE_KINDS } from '../nodes/registry';
import { NodeIdSchema, TargetSchema } from '../nodes/common';
import { LanguageSchema } from './prompt.schema';
import { InputModeSchema } from './input-mode.schema';

/** zod wants at least one schema in a union, as a tuple type; the registry is never empty. */
function nonEmpty<T>(items: readonly T[]): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('no node types are registered (src/flow/nodes/registry.ts)');
  return [first, ...rest];
}
const nodeSchemas = nonEmpty(Object.values(NODE_KINDS).map((k) => k.schema));

export const NodeSchema = z.discriminatedUnion('type', nodeSchemas);
export type FlowNode = z.infer<typeof NodeSchema>;

/** The single source of truth for a flow file; the JSON Schema for editors is generated from it. */
export const FlowSchema = z
  .object({
    $schema: z.string().optional(),
    id: NodeIdSchema.describe('The flow id hotlines and subflow nodes refer to; by convention the file name.'),
    description: z.string().optional(),
    languages: z.array(LanguageSchema).min(1).describe('Languages every prompt of this flow must exist in.'),
    start: TargetSchema.describe('The first node.'),
    input: InputModeSchema.default(['dtmf']).describe(
      'What callers may answer menus and entries with, unless a node says otherwise: [dtmf] or [dtmf, speech].',
    ),
    globals: z
      .object({
        human: z
          .object({
            key: z.string().regex(/^[0-9#]$/, 'a key is one of 0-9 or #').default('0'),
            target: TargetSchema,
          })
          .strict()
          .optional()
          .describe('A key that reaches a person from every menu, and the node that does it.'),
        repeatKey: z.enum(['*', '#']).default('*').describe('The key that repeats a menu.'),
        emergency: TargetSchema.optional().describe(
          'Where a caller who says an emergency phrase ("被盗", "hacked", flows/speech/*.yaml) at any spoken menu goes. The call variable `intent` is set to "emergency" on the way.',
        ),
      })
      .strict()
      .default({ repeatKey: '*' }),
    nodes: z.record(NodeIdSchema, NodeSchema).describe('The nodes of the flow by id.'),
  })
  .strict();
export type Flow = z.infer<typeof FlowSchema>;
