import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, TargetSchema } from './common';
import type { TransitionConfig } from '../compile/state-config';

/** A variant's name: it becomes a report row, a metric label and `<flow>/<node>` on the call record. */
export const VariantNameSchema = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, {
  error: (issue) => `variant name "${String(issue.input)}" is not a slug: use lower-case letters, digits, "-" or "_", e.g. "short"`,
});

const VariantSchema = z
  .object({
    weight: z
      .number({ error: 'a weight is a whole number, e.g. 30' })
      .int({ error: (issue) => `weight ${String(issue.input)} is not a whole number: weights are shares such as 30 and 70` })
      .min(0, { error: (issue) => `weight ${String(issue.input)} is below 0: use 0 to send nobody to this variant` })
      .describe('Its share of callers: 30 and 70 send 30 % and 70 %. Whole numbers ≥ 0; 0 pauses a variant.'),
    next: TargetSchema.describe('Where callers of this variant go.'),
  })
  .strict();

export const SplitNodeSchema = z
  .object({
    type: z.literal('split'),
    ...base,
    variants: z
      .record(VariantNameSchema, VariantSchema)
      .superRefine((variants, ctx) => {
        const entries = Object.entries(variants);
        if (entries.length < 2) {
          ctx.addIssue({ code: 'custom', message: `a split compares at least two variants, this one has ${entries.length}: add another under \`variants\`` });
          return;
        }
        if (entries.every(([, v]) => v.weight === 0)) {
          ctx.addIssue({ code: 'custom', message: 'every weight is 0, so no caller has a variant: give at least one a weight above 0' });
        }
        const seen = new Map<string, string>();
        for (const [name, v] of entries) {
          const other = seen.get(v.next);
          // Coverage and the report tell variants apart by where they go.
          if (other !== undefined) {
            ctx.addIssue({ code: 'custom', path: [name, 'next'], message: `variants "${other}" and "${name}" both go to "${v.next}": give each variant its own \`next\`` });
          }
          seen.set(v.next, name);
        }
      })
      .describe('Variant name → { weight, next }. Each caller number gets one variant, the same on every call for the life of the flow version.'),
  })
  .strict();
type SplitNode = z.infer<typeof SplitNodeSchema>;

/** The call variable that holds the variant a caller got (`split_<node>`), for prompts and branches. */
export const splitVariable = (nodeId: string) => `split_${nodeId.replace(/-/g, '_')}`;

/** A split's weights as shares: "30 %", for diagrams. */
export function variantShares(node: SplitNode): Record<string, string> {
  const total = Object.values(node.variants).reduce((sum, v) => sum + v.weight, 0);
  return Object.fromEntries(Object.entries(node.variants).map(([name, v]) => [name, `${Math.round((v.weight / total) * 1000) / 10} %`]));
}

export const splitNode = defineNode({
  type: 'split',
  schema: SplitNodeSchema,
  summary: 'An A/B test: send each caller to one of weighted variants, the same one on every call for the life of the flow version.',
  exits: (n: SplitNode) => Object.entries(n.variants).map(([name, v]) => ({ label: name, target: v.next, path: ['variants', name, 'next'] })),
  compile: (id, n, ctx) => {
    // The flow the node is written in (a subflow's own id when inlined), as reports name it.
    const split = `${ctx.flowId}/${id}`;
    const variants = Object.entries(n.variants).map(([name, v]) => ({ name, weight: v.weight }));
    return {
      id: ctx.stateId(id),
      entry: [
        { type: 'visit', params: { node: id } },
        { type: 'chooseVariant', params: { split, flowId: ctx.flowId, node: id, variable: splitVariable(id), variants } },
      ],
      always: Object.entries(n.variants).map(
        ([name, v]): TransitionConfig => ({ guard: { type: 'variantIs', params: { split, variant: name } }, target: ctx.target(v.next) }),
      ),
    };
  },
});
