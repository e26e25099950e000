import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, PromptSchema } from './common';

export const HangupNodeSchema = z
  .object({
    type: z.literal('hangup'),
    ...base,
    prompt: PromptSchema.optional().describe('The goodbye (default: catalogue "goodbye"). Every call ends with one.'),
  })
  .strict();

export const hangupNode = defineNode({
  type: 'hangup',
  schema: HangupNodeSchema,
  summary: 'Say goodbye and hang up.',
  ends: true,
  exits: () => [],
  compile: (id, n, ctx) => ({
    id: ctx.stateId(id),
    entry: [
      { type: 'visit', params: { node: id } },
      { type: 'say', params: { prompt: ctx.prompt(n.prompt ?? 'goodbye', ['prompt']) } },
      { type: 'end', params: { end: { kind: 'hangup' } } },
    ],
    always: [{ target: ctx.endTarget }],
  }),
});
