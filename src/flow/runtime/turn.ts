import { z } from 'zod';
import type { StateValue } from 'xstate';
import { LanguageSchema } from '../schema/prompt.schema';
import { SlugSchema } from '../../hotlines/hotline.schema';
import type { Effect } from './effect';

export type { Effect, EffectCall, EffectKind } from './effect';

/** A prompt ready to be spoken or played: the placeholders filled, the language chosen. */
export const RenderedPromptSchema = z.union([
  z.object({ lang: LanguageSchema, text: z.string() }),
  z.object({ lang: LanguageSchema, audio: z.string() }),
]);
export type RenderedPrompt = z.infer<typeof RenderedPromptSchema>;

/** The input the call waits for next. */
export const AwaitSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('digits'),
    minDigits: z.number().int(),
    maxDigits: z.number().int(),
    finishOnKey: z.string().optional(),
    timeoutSec: z.number(),
    /** Never log nor store what the caller keys here (one-time codes, account numbers). */
    sensitive: z.boolean(),
  }),
  z.object({ kind: z.literal('recording'), maxLengthSec: z.number().int(), finishOnKey: z.string() }),
]);
export type Await = z.infer<typeof AwaitSchema>;

/** A queue of queues.yaml (checked against it when the flows load). */
export const QueueSchema = SlugSchema.max(64);
export type Queue = z.infer<typeof QueueSchema>;
export const PrioritySchema = z.enum(['normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

/** How the call leaves the flow. */
export const EndSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfer'), queue: QueueSchema.optional(), number: z.string().optional(), priority: PrioritySchema }),
  z.object({ kind: z.literal('hangup') }),
]);
export type End = z.infer<typeof EndSchema>;

/** One step's answer: what to say, then what to wait for, what to do, or how the call ends. */
export type Turn = {
  snapshot: CallSnapshot;
  prompts: RenderedPrompt[];
  await?: Await;
  effects: Effect[];
  end?: End;
};

/** The persisted state of a call: plain JSON, small, tied to the flow version that made it. */
export type CallSnapshot = {
  flowId: string;
  version: string;
  status: 'active' | 'done';
  value: StateValue;
  context: PersistedContext;
};

/** An account as a call sees it: never the full phone number. */
export const AccountSchema = z.object({
  id: z.string(),
  tier: z.enum(['standard', 'enterprise']),
  status: z.enum(['active', 'banned']),
  maskedPhone: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

export type CallInfo = {
  sid: string;
  from: string;
  to: string;
  country?: string;
  hotline: string;
  timezone: string;
};

/** What survives between turns. `out` (the turn's output) is never persisted. */
export type PersistedContext = {
  call: CallInfo;
  lang: z.infer<typeof LanguageSchema>;
  vars: Record<string, string>;
  attempts: number;
  turn: number;
  seq: number;
  node: string;
  path: string[];
  account?: Account;
  candidate?: Account;
  returned?: string;
  outcome?: string;
};

export type TurnOutput = { prompts: RenderedPrompt[]; effects: Effect[]; await?: Await; end?: End };
export type CallContext = PersistedContext & { out: TurnOutput; now: number };
