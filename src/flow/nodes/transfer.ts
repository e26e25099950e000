import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, PromptSchema, TargetSchema } from './common';
import { PrioritySchema, QueueSchema } from '../runtime/turn';
import { EVENTS } from '../compile/state-config';
import { tryNormalizeNumber } from '../../hotlines';

/** How long a person's phone rings before the dial counts as no-answer, unless the node says. */
export const DEFAULT_RING_SEC = 20;

/** The fields that only a transfer to a number takes: a queue has its own waiting and overflow. */
const NUMBER_ONLY = ['timeoutSec', 'callerId', 'answerOnBridge', 'fallback'] as const;

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
      .describe('A phone number to dial instead of a queue (needs `fallback`): E.164, or a Chinese national number; dialled in E.164.'),
    priority: PrioritySchema.default('normal').describe('Urgent and enterprise callers are answered first.'),
    timeoutSec: z
      .number()
      .int()
      .min(5, 'ring a number at least 5 seconds; less is over before a person can pick up')
      .max(60, 'ring a number at most 60 seconds; callers give up long before')
      .optional()
      .describe(`Number only: seconds to let it ring before it counts as no-answer (default ${DEFAULT_RING_SEC}).`),
    callerId: z
      .string()
      .regex(/^\+[1-9][0-9]{1,14}$/, 'a caller ID is an E.164 number: "+", the country code and the number, digits only')
      .optional()
      .describe('Number only: the number the person sees (default: the number the caller dialled, which is ours).'),
    answerOnBridge: z
      .boolean()
      .optional()
      .describe('Number only: the caller hears ringing until the person answers (default true); false answers the caller at once.'),
    fallback: TargetSchema.optional().describe(
      'Number only, and required with it: where the flow goes on when the number is busy, does not answer or fails (`transferResult` says which).',
    ),
  })
  .strict()
  .superRefine((n, ctx) => {
    if ((n.queue === undefined) === (n.number === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a transfer needs exactly one of `queue` or `number`', path: ['queue'] });
      return;
    }
    // Twilio dials E.164; a national number is read as Chinese, like the hotlines' own numbers.
    if (n.number !== undefined && /^\+?[0-9-]{3,20}$/.test(n.number) && tryNormalizeNumber(n.number) === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${n.number}" is not a number Twilio can dial; write it in E.164 ("+86-10-12345678") or as a Chinese national number ("010-12345678")`, path: ['number'] });
    }
    if (n.number !== undefined && n.fallback === undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          'a transfer to a `number` needs `fallback:`, the node where the caller goes when the number is busy, does not answer or fails (e.g. `fallback: agent` for a queue transfer, or a ticket node)',
        path: ['number'],
      });
    }
    if (n.queue !== undefined) {
      for (const field of NUMBER_ONLY) {
        if (n[field] !== undefined) ctx.addIssue({ code: 'custom', message: `\`${field}\` is for a transfer to a \`number\`; a \`queue\` transfer does not take it`, path: [field] });
      }
    }
  });
export type TransferNode = z.infer<typeof TransferNodeSchema>;

export const transferNode = defineNode({
  type: 'transfer',
  schema: TransferNodeSchema,
  summary: 'Hand the caller to a person: a skill queue (with priority) or a phone number (with a fallback when nobody answers).',
  // A queue transfer leaves the flow; an answered dial ends the call.
  ends: true,
  reachesPerson: true,
  exits: (n) => (n.number !== undefined && n.fallback !== undefined ? [{ label: 'not answered', target: n.fallback, path: ['fallback'] }] : []),
  compile: (id, n, ctx) => {
    const entry = [
      { type: 'visit', params: { node: id } },
      { type: 'say', params: { prompt: ctx.prompt(n.prompt ?? 'transfer.connecting', ['prompt']) } },
    ] as const;
    if (n.queue !== undefined) {
      return {
        id: ctx.stateId(id),
        entry: [...entry, { type: 'end', params: { end: { kind: 'transfer', queue: n.queue, priority: n.priority } } }],
        always: [{ target: ctx.endTarget }],
      };
    }
    // The schema refuses a number without a fallback; a flow built around it still never dead-ends.
    const number = tryNormalizeNumber(n.number ?? '') ?? n.number ?? '';
    const fallback = n.fallback ? ctx.target(n.fallback) : ctx.endTarget;
    return {
      id: ctx.stateId(id),
      entry: [
        ...entry,
        {
          type: 'await',
          params: {
            spec: {
              kind: 'dial',
              number,
              timeoutSec: n.timeoutSec ?? DEFAULT_RING_SEC,
              ...(n.callerId !== undefined ? { callerId: n.callerId } : {}),
              answerOnBridge: n.answerOnBridge ?? true,
            },
          },
        },
      ],
      on: {
        [EVENTS.dialResult]: [
          // The person answered and the conversation is over: the call ends.
          { guard: { type: 'dialAnswered' }, target: ctx.endTarget, actions: [{ type: 'dialEnded', params: { number } }, { type: 'end', params: { end: { kind: 'hangup' } } }] },
          // Nobody answered and the caller gave up meanwhile: nobody is left to hear the fallback.
          { guard: { type: 'callerLeft' }, target: ctx.hungUpTarget, actions: [{ type: 'dialEnded', params: { number } }, { type: 'hungUp' }] },
          { target: fallback, actions: [{ type: 'dialEnded', params: { number } }] },
        ],
      },
    };
  },
});
