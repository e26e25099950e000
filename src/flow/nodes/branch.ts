import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, TargetSchema } from './common';
import { ConditionSchema, type Condition } from '../schema/condition.schema';
import type { CompileContext } from '../compile/compile-context';
import type { HoursSpec } from '../runtime/evaluate-condition';
import type { TransitionConfig } from '../compile/state-config';

export const BranchNodeSchema = z
  .object({
    type: z.literal('branch'),
    ...base,
    cases: z
      .array(z.object({ when: ConditionSchema, goto: TargetSchema }).strict())
      .min(1)
      .describe('Checked in order; the first true condition wins.'),
    default: TargetSchema.describe('Where to go when no case is true.'),
  })
  .strict();

/** The hours of every hotline a condition asks about, embedded so the guard needs nothing else. */
function hoursFor(cond: Condition, ctx: CompileContext, path: PropertyKey[], into: Record<string, HoursSpec>): void {
  if ('open' in cond) {
    const spec = ctx.hotlineHours(cond.open, [...path, 'open']);
    if (spec) into[cond.open] = spec;
  } else if ('all' in cond) cond.all.forEach((c, i) => hoursFor(c, ctx, [...path, 'all', i], into));
  else if ('any' in cond) cond.any.forEach((c, i) => hoursFor(c, ctx, [...path, 'any', i], into));
  else if ('not' in cond) hoursFor(cond.not, ctx, [...path, 'not'], into);
}

export const branchNode = defineNode({
  type: 'branch',
  schema: BranchNodeSchema,
  summary: 'Go one way or another on variables, caller data, hotline open/closed or the time of day.',
  exits: (n) => [
    ...n.cases.map((c, i) => ({ label: `case ${i + 1}`, target: c.goto, path: ['cases', i, 'goto'] })),
    { label: 'default', target: n.default, path: ['default'] },
  ],
  compile: (id, n, ctx) => ({
    id: ctx.stateId(id),
    entry: [{ type: 'visit', params: { node: id } }],
    always: [
      ...n.cases.map((c, i): TransitionConfig => {
        const hours: Record<string, HoursSpec> = {};
        hoursFor(c.when, ctx, ['cases', i, 'when'], hours);
        return { guard: { type: 'condition', params: { when: c.when, hours } }, target: ctx.target(c.goto) };
      }),
      { target: ctx.target(n.default) },
    ],
  }),
});
