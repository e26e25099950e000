import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, NodeIdSchema, TargetSchema } from './common';
import type { TransitionConfig } from '../compile/state-config';

export const SubflowNodeSchema = z
  .object({
    type: z.literal('subflow'),
    ...base,
    flow: NodeIdSchema.describe('The id of the flow to call (a file in flows/).'),
    on: z.record(z.string(), TargetSchema).default({}).describe('Outcome returned by the called flow → node.'),
    next: TargetSchema.optional().describe('Where to go for any outcome not listed in `on`.'),
  })
  .strict();

export const subflowNode = defineNode({
  type: 'subflow',
  schema: SubflowNodeSchema,
  summary: 'Call another flow (e.g. a shared identity check) and continue by the outcome it returns.',
  calls: (n) => n.flow,
  exits: (n) => [
    ...Object.entries(n.on).map(([outcome, target]) => ({ label: outcome, target, path: ['on', outcome] })),
    ...(n.next ? [{ label: 'returned', target: n.next, path: ['next'] }] : []),
  ],
  compile: (id, n, ctx) => {
    const inlined = ctx.inlineFlow(n.flow, id, ['flow']);
    for (const outcome of Object.keys(n.on)) {
      if (!inlined.outcomes.includes(outcome)) {
        ctx.report(['on', outcome], `flow "${n.flow}" never returns "${outcome}" (it returns: ${inlined.outcomes.join(', ') || 'nothing'})`);
      }
    }
    const unhandled = inlined.outcomes.filter((o) => !(o in n.on));
    if (unhandled.length > 0 && !n.next) {
      ctx.report(['on'], `flow "${n.flow}" can return ${unhandled.map((o) => `"${o}"`).join(', ')}: add it to \`on\` or set \`next\``);
    }
    return {
      id: ctx.stateId(id),
      entry: [{ type: 'visit', params: { node: id } }],
      initial: inlined.initial,
      states: inlined.states,
      onDone: [
        ...Object.entries(n.on).map(([outcome, target]): TransitionConfig => ({
          guard: { type: 'returned', params: { outcome } },
          target: ctx.target(target),
        })),
        ...(n.next ? [{ target: ctx.target(n.next) }] : []),
      ],
    };
  },
});
