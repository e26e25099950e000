import { z } from 'zod';
import { defineNode } from './node-kind';
import { base, PromptSchema, TargetSchema } from './common';
import { EVENTS, type TransitionConfig } from '../compile/state-config';

export const VoicemailNodeSchema = z
  .object({
    type: z.literal('voicemail'),
    ...base,
    prompt: PromptSchema.optional().describe('The invitation to speak (default: catalogue "voicemail.prompt").'),
    maxLength: z.number().int().min(5).max(600).default(120).describe('Longest message in seconds.'),
    next: TargetSchema.describe('Where to go with the recording (its URL is in the variable `recordingUrl`).'),
    onEmpty: TargetSchema.optional().describe('Where to go when nothing was recorded (default: hang up with a goodbye).'),
  })
  .strict();

export const voicemailNode = defineNode({
  type: 'voicemail',
  schema: VoicemailNodeSchema,
  summary: 'Record a message; its URL goes into `recordingUrl` for a ticket.',
  exits: (n) => [
    { label: 'recorded', target: n.next, path: ['next'] },
    ...(n.onEmpty ? [{ label: 'empty', target: n.onEmpty, path: ['onEmpty'] }] : []),
  ],
  compile: (id, n, ctx) => {
    const nothingRecorded: TransitionConfig = n.onEmpty
      ? { target: ctx.target(n.onEmpty) }
      : {
          target: ctx.endTarget,
          actions: [
            { type: 'say', params: { prompt: ctx.prompt('goodbye', ['prompt']) } },
            { type: 'end', params: { end: { kind: 'hangup' } } },
          ],
        };
    return {
    id: ctx.stateId(id),
    entry: [
      { type: 'visit', params: { node: id } },
      { type: 'say', params: { prompt: ctx.prompt(n.prompt ?? 'voicemail.prompt', ['prompt']) } },
      { type: 'await', params: { spec: { kind: 'recording', maxLengthSec: n.maxLength, finishOnKey: '#' } } },
    ],
    on: {
      [EVENTS.recording]: [
        { guard: { type: 'recordingMade' }, target: ctx.target(n.next), actions: [{ type: 'storeRecording' }] },
        nothingRecorded,
      ],
      [EVENTS.noInput]: [nothingRecorded],
    },
  };
  },
});
