import { z } from 'zod';
import { defineNode } from './node-kind';
import { base } from './common';

export const ReturnNodeSchema = z
  .object({
    type: z.literal('return'),
    ...base,
    outcome: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/).describe('The outcome the calling `subflow` node continues by.'),
  })
  .strict();

export const returnNode = defineNode({
  type: 'return',
  schema: ReturnNodeSchema,
  summary: 'End a called flow and hand an outcome back to the `subflow` node that called it.',
  ends: true,
  exits: () => [],
  compile: (id, n, ctx) => ({
    id: ctx.stateId(id),
    type: 'final',
    entry: [{ type: 'visit', params: { node: id } }, { type: 'markReturned', params: { outcome: n.outcome } }],
  }),
});
