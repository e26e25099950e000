import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, PromptSchema } from './common';
import { PrioritySchema, QueueSchema } from '../runtime/turn';

export const TransferNodeSchema = z
  .object({
    type: z.literal('transfer'),
    ...base,
    prompt: PromptSchema.optional().describe('What to say before connecting (default: catalogue "transfer.connecting").'),
    queue: QueueSchema.optional().describe('The skill queue of agents to wait for.'),
    number: z
      .string()
      .regex(/^\+?[0-9-]{3,20}$/, 'a number is digits, optionally with "+" and "-"')
      .optional()
      .describe('A phone number to dial instead of a queue.'),
    priority: PrioritySchema.default('normal').describe('Urgent and enterprise callers are answered first.'),
  })
  .strict()
  .refine((n) => (n.queue === undefined) !== (n.number === undefined), {
    message: 'a transfer needs exactly one of `queue` or `number`',
    path: ['queue'],
  });

export const transferNode = defineNode({
  type: 'transfer',
  schema: TransferNodeSchema,
  summary: 'Hand the caller to a person: a skill queue (with priority) or a phone number.',
  ends: true,
  reachesPerson: true,
  exits: () => [],
  compile: (id, n, ctx) => ({
    id: ctx.stateId(id),
    entry: [
      { type: 'visit', params: { node: id } },
      { type: 'say', params: { prompt: ctx.prompt(n.prompt ?? 'transfer.connecting', ['prompt']) } },
      {
        type: 'end',
        params: {
          end: {
            kind: 'transfer',
            ...(n.queue ? { queue: n.queue } : {}),
            ...(n.number ? { number: n.number } : {}),
            priority: n.priority,
          },
        },
      },
    ],
    always: [{ target: ctx.endTarget }],
  }),
});
