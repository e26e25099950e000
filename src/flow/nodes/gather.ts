import { z } from 'zod';
import { InputModeSchema } from '../schema/input-mode.schema';
import { defineNode } from './node-kind';
import { base, PromptSchema, RetryFields, TargetSchema, VarNameSchema } from './common';
import { digitState, resetAttempts } from '../compile/digit-state';
import { exhaustedTarget } from '../compile/exhausted-target';

export const GatherNodeSchema = z
  .object({
    type: z.literal('gather'),
    ...base,
    prompt: PromptSchema,
    var: VarNameSchema.describe('The variable the digits are stored in.'),
    minDigits: z.number().int().min(1).max(40).default(1),
    maxDigits: z.number().int().min(1).max(40).default(20),
    finishOnKey: z.enum(['#', '*', '']).default('#').describe('The key that ends the entry ("" for none).'),
    pattern: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .optional()
      .describe('A regular expression the whole entry must match, e.g. "^1[3-9]\\\\d{9}$".'),
    sensitive: z.boolean().default(false).describe('Never log the digits (account numbers, codes).'),
    input: InputModeSchema.optional().describe("Keys only, or keys and spoken numbers (\"一三八…\", \"one three eight…\"); default: the flow's `input`."),
    next: TargetSchema,
    ...RetryFields,
  })
  .strict()
  .refine((n) => n.minDigits <= n.maxDigits, { message: 'minDigits is larger than maxDigits', path: ['minDigits'] });

export const gatherNode = defineNode({
  type: 'gather',
  schema: GatherNodeSchema,
  summary: 'Collect digits into a variable (length, finish key, pattern), with the same retry rules as a menu.',
  exits: (n) => [
    { label: 'entered', target: n.next, path: ['next'] },
    ...(n.onExhausted ? [{ label: `×${n.maxAttempts} failed`, target: n.onExhausted, path: ['onExhausted'] }] : []),
  ],
  compile: (id, n, ctx) => {
    // A lone person key is a request for a person only when it cannot be a valid entry.
    const human = ctx.globals.human && n.minDigits > 1 ? ctx.globals.human : undefined;
    return digitState({
      id: ctx.stateId(id),
      visit: id,
      prompt: ctx.prompt(n.prompt, ['prompt']),
      await: {
        kind: 'digits',
        minDigits: n.minDigits,
        maxDigits: n.maxDigits,
        ...(n.finishOnKey ? { finishOnKey: n.finishOnKey } : {}),
        timeoutSec: n.timeout,
        sensitive: n.sensitive,
      },
      choices: [
        {
          guard: { type: 'digitsValid', params: { min: n.minDigits, max: n.maxDigits, pattern: n.pattern } },
          target: ctx.target(n.next),
          actions: [{ type: 'storeDigits', params: { var: n.var } }, resetAttempts],
        },
      ],
      noInput: ctx.retryPrompts(n.noInput, 'retry.no_input', ['noInput']),
      invalid: ctx.retryPrompts(n.invalid, 'retry.invalid_entry', ['invalid']),
      maxAttempts: n.maxAttempts,
      onExhausted: exhaustedTarget(n.onExhausted, ctx, ['onExhausted']),
      human,
      repeatKey: ctx.globals.repeatKey,
      spoken: ctx.spoken(n.input, 'digits'),
    });
  },
});
