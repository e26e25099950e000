import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, PromptSchema, TargetSchema } from './common';

export const SayNodeSchema = z
  .object({ type: z.literal('say'), ...base, prompt: PromptSchema, next: TargetSchema })
  .strict();

export const sayNode = defineNode({
  type: 'say',
  schema: SayNodeSchema,
  summary: 'Speak a prompt, then go on to `next`.',
  exits: (n) => [{ label: 'next', target: n.next, path: ['next'] }],
  compile: (id, n, ctx) => ({
    id: ctx.stateId(id),
    entry: [
      { type: 'visit', params: { node: id } },
      { type: 'say', params: { prompt: ctx.prompt(n.prompt, ['prompt']) } },
    ],
    always: [{ target: ctx.target(n.next) }],
  }),
});
