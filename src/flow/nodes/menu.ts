import { z } from 'zod';
import { defineNode, type Exit } from './node-kind';
import { base, PromptSchema, RetryFields, TargetSchema } from './common';
import { InputModeSchema, OptionLabelSchema, SpokenPhrasesSchema } from '../schema/input-mode.schema';
import { digitState, resetAttempts } from '../compile/digit-state';
import { exhaustedTarget } from '../compile/exhausted-target';

export const MenuKeySchema = z.string().regex(/^[0-9#]$/, 'a menu key is one of 0-9 or #');

/** An option: the node it goes to, or that node with the phrases that choose it by voice. */
export const MenuOptionSchema = z.union([
  TargetSchema,
  z
    .object({
      to: TargetSchema,
      say: SpokenPhrasesSchema,
      label: OptionLabelSchema.optional(),
    })
    .strict(),
]);
export type MenuOption = z.infer<typeof MenuOptionSchema>;
export const optionTarget = (o: MenuOption): string => (typeof o === 'string' ? o : o.to);

export const MenuNodeSchema = z
  .object({
    type: z.literal('menu'),
    ...base,
    prompt: PromptSchema,
    options: z
      .record(MenuKeySchema, MenuOptionSchema)
      .refine((o) => Object.keys(o).length > 0, 'a menu needs at least one option')
      .describe('Key → node, or key → { to: node, say: phrases per language }. The flow-wide person key (e.g. 0) and repeat key (*) work in every menu.'),
    input: InputModeSchema.optional().describe("Keys only, or keys and speech (default: the flow's `input`)."),
    ...RetryFields,
  })
  .strict();
type MenuNode = z.infer<typeof MenuNodeSchema>;

export const menuNode = defineNode({
  type: 'menu',
  schema: MenuNodeSchema,
  summary: 'Speak a menu and go where the key pressed says; re-prompt on silence or a wrong key.',
  exits: (n: MenuNode): Exit[] => [
    ...Object.entries(n.options).map(([key, option]) => ({
      label: key,
      target: optionTarget(option),
      path: typeof option === 'string' ? ['options', key] : ['options', key, 'to'],
    })),
    ...(n.onExhausted ? [{ label: `×${n.maxAttempts} failed`, target: n.onExhausted, path: ['onExhausted'] }] : []),
  ],
  compile: (id, n, ctx) =>
    digitState({
      id: ctx.stateId(id),
      visit: id,
      prompt: ctx.prompt(n.prompt, ['prompt']),
      await: { kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: n.timeout, sensitive: false },
      choices: Object.entries(n.options).map(([key, option]) => ({
        guard: { type: 'digitsAre', params: { digits: key } },
        target: ctx.target(optionTarget(option)),
        actions: [resetAttempts],
      })),
      noInput: ctx.retryPrompts(n.noInput, 'retry.no_input', ['noInput']),
      invalid: ctx.retryPrompts(n.invalid, 'retry.invalid', ['invalid']),
      maxAttempts: n.maxAttempts,
      onExhausted: exhaustedTarget(n.onExhausted, ctx, ['onExhausted']),
      human: ctx.globals.human,
      repeatKey: ctx.globals.repeatKey,
      spoken: ctx.spoken(
        n.input,
        Object.entries(n.options).map(([key, o]) => (typeof o === 'string' ? { key } : { key, say: o.say, ...(o.label ? { label: o.label } : {}) })),
      ),
    }),
});
