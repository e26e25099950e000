import { z } from 'zod';
import { EffectKindSchema } from './effect';
import { DialStatusSchema } from './turn';

/**
 * What the outside world tells a running call. Every input carries the time it happened (epoch ms):
 * the runtime never reads a clock, so service hours and time conditions are decided by the driver's clock.
 */
const At = { now: z.number().int().nonnegative() };

export const EffectResultSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), kind: EffectKindSchema, ok: z.literal(true), value: z.record(z.string(), z.unknown()).default({}) }),
  z.object({
    id: z.string(),
    kind: EffectKindSchema,
    ok: z.literal(false),
    error: z.string(),
    /** A typed error's code and reason, when it has them (e.g. SMS_REFUSED, destination_cap): what the call record keeps. */
    code: z.string().optional(),
    reason: z.string().optional(),
  }),
]);
export type EffectResult = z.infer<typeof EffectResultSchema>;

export const InputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('digits'), digits: z.string().regex(/^[0-9*#]+$/, 'digits are 0-9, * and #'), ...At }),
  z.object({ type: z.literal('noInput'), ...At }),
  /** What the recogniser heard (Twilio's SpeechResult) and how sure it was (Confidence, 0–1), when it said. */
  z.object({ type: z.literal('speech'), text: z.string(), confidence: z.number().min(0).max(1).optional(), ...At }),
  z.object({ type: z.literal('effect'), result: EffectResultSchema, ...At }),
  z.object({ type: z.literal('recording'), url: z.string(), durationSec: z.number().nonnegative(), ...At }),
  z.object({ type: z.literal('hangup'), ...At }),
  /**
   * How the dial of a transfer to a number ended; `durationSec` is the talk time (0 unless answered).
   * `callerLeft`: the caller hung up before anyone answered, so nothing more is said to them.
   */
  z.object({ type: z.literal('dialResult'), status: DialStatusSchema, durationSec: z.number().int().nonnegative(), callerLeft: z.boolean().optional(), ...At }),
]);
export type Input = z.infer<typeof InputSchema>;
export type InputType = Input['type'];
