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
    /** The caller may also speak: phrases that help the recogniser, in the call's language. */
    speech: z.object({ hints: z.array(z.string()) }).optional(),
  }),
  z.object({ kind: z.literal('recording'), maxLengthSec: z.number().int(), finishOnKey: z.string() }),
  /** A person's phone ringing: the dial's outcome comes back as a `dialResult` input. */
  z.object({
    kind: z.literal('dial'),
    number: z.string(),
    /** Seconds to let it ring before it counts as no-answer. */
    timeoutSec: z.number().int(),
    /** The number the person sees; absent: the number the caller dialled (ours). */
    callerId: z.string().optional(),
    /** The caller hears ringing, not silence, until the person answers. */
    answerOnBridge: z.boolean(),
  }),
]);
export type Await = z.infer<typeof AwaitSchema>;

/** Twilio's DialCallStatus: how the <Dial> to a person's number ended. */
export const DialStatusSchema = z.enum(['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled']);
export type DialStatus = z.infer<typeof DialStatusSchema>;
/** What a transfer to a number came to, as the call record and the flow's `transferResult` say it. */
export const TransferResultSchema = z.enum(['answered', 'busy', 'no-answer', 'failed', 'canceled']);
export type TransferResult = z.infer<typeof TransferResultSchema>;
/** `completed` and `answered` both mean a person took the call; the rest keep their name. */
export function transferResultOf(status: DialStatus): TransferResult {
  return status === 'completed' ? 'answered' : status;
}
/** A dial that ended this turn: where it went, what it came to, how long the caller and the person talked. */
export const DialOutcomeSchema = z.object({ number: z.string(), result: TransferResultSchema, talkSec: z.number().int().nonnegative() });
export type DialOutcome = z.infer<typeof DialOutcomeSchema>;

/** A queue of queues.yaml (checked against it when the flows load). */
export const QueueSchema = SlugSchema.max(64);
export type Queue = z.infer<typeof QueueSchema>;
export const PrioritySchema = z.enum(['normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;
/** Most urgent first, for sorting. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { urgent: 0, high: 1, normal: 2 };

/** How the call leaves the flow. (A transfer to a number does not leave it: it waits for a `dial`.) */
export const EndSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfer'), queue: QueueSchema, priority: PrioritySchema }),
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
  /** A dial to a person's number ended in this turn. */
  dialled?: DialOutcome;
  /** The caller spoke this turn: what it was understood as (never the words themselves). */
  heard?: HeardSummary;
};

/** How a spoken turn was understood, for logs, metrics and the call record. */
export const HeardSummarySchema = z.object({
  kind: z.enum(['choice', 'unsure', 'digits', 'yes', 'no', 'noMatch']),
  /** The option key or intent chosen (not for digits: a spoken number may be a code). */
  choice: z.string().optional(),
  confidence: z.number().optional(),
  /** The recogniser was less sure than SPEECH_MIN_CONFIDENCE (judged here, once, with the threshold the runtime was given). */
  lowConfidence: z.literal(true).optional(),
  /** The words sounded distressed (flows/speech/*.yaml `distress`). */
  distressed: z.boolean(),
});
export type HeardSummary = z.infer<typeof HeardSummarySchema>;

/** One priority step up: what a distressed caller gets. */
export function raisePriority(p: Priority): Priority {
  return p === 'normal' ? 'high' : 'urgent';
}

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
  /**
   * Test only: the variant each `split` node gives this call (by node id or `<flow>/<node>`),
   * instead of the caller's draw. Call scripts set it (`variants:`) to reach every variant; a real
   * call never has it (openCall's callers in the server do not pass it).
   */
  pinnedVariants?: Record<string, string>;
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
  /** What the caller's last words might have meant, while the flow asks which ("did you mean…?"). */
  unsure?: string[];
  /** The caller sounded distressed: their transfer and ticket go one priority step up. */
  distressed?: true;
  /** The variant each `split` node gave the call, by `<flow>/<node>` (for the call record and reports). */
  variants?: Record<string, string>;
};

export type TurnOutput = { prompts: RenderedPrompt[]; effects: Effect[]; await?: Await; end?: End; dialled?: DialOutcome };
/** `flowVersion`: the version running the call, for the split's draw (not persisted: the snapshot says it). */
export type CallContext = PersistedContext & { out: TurnOutput; now: number; flowVersion: string };
