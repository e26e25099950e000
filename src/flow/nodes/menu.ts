import { z } from 'zod';
import { defineNode, type Exit } from './node-kind';
import { base, PromptSchema, RetryFields, TargetSchema } from './common';
import { digitState, resetAttempts } from '../compile/digit-state';
import { exhaustedTarget } from '../compile/exhausted-target';

export const MenuKeySchema = z.string().regex(/^[0-9#]$/, 'a menu key is one of 0-9 or #');

export const MenuNodeSchema = z
  .object({
    type: z.literal('menu'),
    ...base,
    prompt: PromptSchema,
    options: z
      .record(MenuKeySchema, TargetSchema)
      .refine((o) => Object.keys(o).length > 0, 'a menu needs at least one option')
      .describe('Key → node. The flow-wide person key (e.g. 0) and repeat key (*) work in every menu.'),
    ...RetryFields,
  })
  .strict();
type MenuNode = z.infer<typeof MenuNodeSchema>;

export const menuNode = defineNode({
  type: 'menu',
  schema: MenuNodeSchema,
  summary: 'Speak a menu and go where the key pressed says; re-prompt on silence or a wrong key.',
  exits: (n: MenuNode): Exit[] => [
    ...Object.entries(n.options).map(([key, target]) => ({ label: key, target, path: ['options', key] })),
    ...(n.onExhausted ? [{ label: `×${n.maxAttempts} failed`, target: n.onExhausted, path: ['onExhausted'] }] : []),
  ],
  compile: (id, n, ctx) =>
    digitState({
      id: ctx.stateId(id),
      visit: id,
      prompt: ctx.prompt(n.prompt, ['prompt']),
      await: { kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: n.timeout, sensitive: false },
      choices: Object.entries(n.options).map(([key, target]) => ({
        guard: { type: 'digitsAre', params: { digits: key } },
        target: ctx.target(target),
        actions: [resetAttempts],
      })),
      noInput: ctx.retryPrompts(n.noInput, 'retry.no_input', ['noInput']),
      invalid: ctx.retryPrompts(n.invalid, 'retry.invalid', ['invalid']),
      maxAttempts: n.maxAttempts,
      onExhausted: exhaustedTarget(n.onExhausted, ctx, ['onExhausted']),
      human: ctx.globals.human,
      repeatKey: ctx.globals.repeatKey,
    }),
});
