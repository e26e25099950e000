import { z } from 'zod';
import { NODE_KINDS } from '../nodes/registry';
import { NodeIdSchema, TargetSchema } from '../nodes/common';
import { LanguageSchema } from './prompt.schema';

const nodeSchemas = Object.values(NODE_KINDS).map((k) => k.schema) as unknown as [
  (typeof NODE_KINDS)[keyof typeof NODE_KINDS]['schema'],
  ...(typeof NODE_KINDS)[keyof typeof NODE_KINDS]['schema'][],
];

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
      })
      .strict()
      .default({ repeatKey: '*' }),
    nodes: z.record(NodeIdSchema, NodeSchema).describe('The nodes of the flow by id.'),
  })
  .strict();
export type Flow = z.infer<typeof FlowSchema>;
