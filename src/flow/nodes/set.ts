import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, TargetSchema, VarNameSchema } from './common';
import { LanguageSchema } from '../schema/prompt.schema';

export const SetNodeSchema = z
  .object({
    type: z.literal('set'),
    ...base,
    vars: z.record(VarNameSchema, z.union([z.string(), z.number()])).optional().describe('Variables to set.'),
    lang: LanguageSchema.optional().describe("Switch the call's language (e.g. after a language menu)."),
    next: TargetSchema,
  })
  .strict();

export const setNode = defineNode({
  type: 'set',
  schema: SetNodeSchema,
  summary: "Set variables or the call's language, then go on to `next`.",
  exits: (n) => [{ label: 'next', target: n.next, path: ['next'] }],
  compile: (id, n, ctx) => {
    const vars = Object.fromEntries(Object.entries(n.vars ?? {}).map(([k, v]) => [k, String(v)]));
    return {
      id: ctx.stateId(id),
      entry: [
        { type: 'visit', params: { node: id } },
        { type: 'setVars', params: { vars, ...(n.lang ? { lang: n.lang } : {}) } },
      ],
      always: [{ target: ctx.target(n.next) }],
    };
  },
});
