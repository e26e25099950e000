import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, PromptSchema, TargetSchema } from './common';
import { EVENTS } from '../compile/state-config';

export const SmsKindSchema = z.enum(['reset_link', 'face_verify', 'online_service', 'ticket', 'info']);
export const SmsRecipientSchema = z.enum(['caller', 'account']);

export const SmsNodeSchema = z
  .object({
    type: z.literal('sms'),
    ...base,
    kind: SmsKindSchema.describe('What the SMS is for; `face_verify` and `reset_link` get their link filled in as {link}.'),
    text: PromptSchema.describe("The SMS text in the call's language (a catalogue key or inline text); may use {variables} and {link}."),
    to: SmsRecipientSchema.default('account').describe("The verified account's phone (falls back to the caller)."),
    prompt: PromptSchema.optional().describe('What to say once sent (default: catalogue "sms.sent").'),
    next: TargetSchema,
    onError: TargetSchema.optional().describe(
      'Where to go when the SMS could not be sent or was refused (a number that cannot be texted, its cap for the day reached); "sms.failed" is said first. Default: `next`.',
    ),
  })
  .strict();

export const smsNode = defineNode({
  type: 'sms',
  schema: SmsNodeSchema,
  summary: 'Send the caller an SMS (a reset link, a face-verification link, the online-service link…).',
  exits: (n) => [
    { label: 'next', target: n.next, path: ['next'] },
    ...(n.onError ? [{ label: 'error', target: n.onError, path: ['onError'] }] : []),
  ],
  compile: (id, n, ctx) => ({
    id: ctx.stateId(id),
    entry: [
      { type: 'visit', params: { node: id } },
      {
        type: 'effect',
        params: { kind: 'sendSms', args: { kind: n.kind, to: n.to }, text: ctx.prompt(n.text, ['text']) },
      },
    ],
    on: {
      [EVENTS.effect]: [
        {
          guard: { type: 'effectOk' },
          target: ctx.target(n.next),
          actions: [{ type: 'say', params: { prompt: ctx.prompt(n.prompt ?? 'sms.sent', ['prompt']) } }],
        },
        { target: ctx.target(n.onError ?? n.next), actions: [{ type: 'say', params: { prompt: ctx.prompt('sms.failed', ['text']) } }] },
      ],
    },
  }),
});
