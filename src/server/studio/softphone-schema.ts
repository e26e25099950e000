import { z } from 'zod';

/**
 * The softphone's API (the studio's simulated calls on the draft), shared by the server and the
 * studio's page: requests are parsed with these schemas, answers typed by them. Only zod here, so
 * the page can import the types without pulling in the server.
 */

const E164 = z.string().regex(/^\+\d{7,15}$/, { error: 'a phone number in E.164, e.g. "+8613800138000"' });

export const PlaceCallSchema = z
  .object({
    /** A hotline's id (its first number is dialled), or `dial`: any number, as a caller writes it. */
    hotline: z.string().min(1).max(64).optional(),
    dial: z.string().min(3).max(32).optional(),
    from: E164,
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'a country is two capital letters (ISO 3166), e.g. "CN"' }).optional(),
    /** The virtual clock's start, with its zone: "2026-11-23T10:00:00+08:00". */
    at: z.string().max(40).regex(/(Z|[+-]\d\d:?\d\d)$/, { error: 'a time with its zone, e.g. 2026-11-23T10:00:00+08:00' }),
  })
  .strict()
  .refine((b) => (b.hotline === undefined) !== (b.dial === undefined), { error: 'give a hotline (its id) or a number to dial, one of them' });
export type PlaceCall = z.infer<typeof PlaceCallSchema>;

/** Keys as a phone sends them; an entry that ends at a finish key carries it ("13800138000#"). */
export const PressSchema = z.object({ keys: z.string().regex(/^[0-9*#]{1,40}$/, { error: 'keys are 1 to 40 of 0-9, * and #' }) }).strict();
export const SaySchema = z.object({ text: z.string().max(500), confidence: z.number().min(0).max(1).optional() }).strict();
export const DialEndsSchema = z.object({ status: z.enum(['completed', 'busy', 'no-answer', 'failed', 'canceled']) }).strict();
export const ScriptRequestSchema = z.object({ name: z.string().min(1).max(200).optional() }).strict();
export const CheckScriptSchema = z.object({ yaml: z.string().min(1).max(60_000) }).strict();

/** One line of the call as the page shows it; `ivr` lines are spoken by the browser in `lang`. */
export const LineViewSchema = z.discriminatedUnion('who', [
  z.object({ who: z.literal('system'), text: z.string() }),
  z.object({ who: z.literal('ivr'), lang: z.string(), text: z.string().optional(), audio: z.string().optional() }),
  z.object({ who: z.literal('caller'), text: z.string() }),
  z.object({ who: z.literal('heard'), text: z.string() }),
  z.object({ who: z.literal('effect'), kind: z.string(), ok: z.boolean(), text: z.string() }),
  /** A simulated SMS (never a real one): the page shows it as a phone notification, code and all. */
  z.object({ who: z.literal('sms'), to: z.string(), from: z.string(), kind: z.string(), body: z.string() }),
]);
export type LineView = z.infer<typeof LineViewSchema>;

export const WaitViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('digits'),
    /** The entry ends by itself after this many keys (a menu key, a 6-digit code); else at the finish key or "send". */
    numDigits: z.number().int().optional(),
    finishOnKey: z.string().optional(),
    maxDigits: z.number().int(),
    /** The flow listens to words too (input: [dtmf, speech]). */
    speech: z.boolean(),
    sensitive: z.boolean(),
  }),
  z.object({ kind: z.literal('recording') }),
  z.object({ kind: z.literal('dial'), number: z.string() }),
]);
export type WaitView = z.infer<typeof WaitViewSchema>;

export const CallViewSchema = z.object({
  id: z.string(),
  hotline: z.string().nullable(),
  afterHours: z.boolean(),
  notInService: z.boolean(),
  /** The virtual clock now. */
  now: z.string(),
  lines: z.array(LineViewSchema),
  waiting: WaitViewSchema.nullable(),
  ended: z.union([z.object({ kind: z.literal('hangup') }), z.object({ kind: z.literal('transfer'), queue: z.string(), priority: z.string() })]).nullable(),
  /**
   * Where the call is, for a diagram to highlight: the root flow, the node it rests at (or ended
   * at), the nodes it went through, and the machine's state value (subflows nest in it).
   */
  position: z.object({ flow: z.string(), node: z.string(), path: z.array(z.string()), state: z.unknown() }).nullable(),
});
export type CallView = z.infer<typeof CallViewSchema>;

export const SoftphoneLineSchema = z.object({ id: z.string(), name: z.record(z.string(), z.string()), numbers: z.array(z.string()), languages: z.array(z.string()), timezone: z.string() });
export type SoftphoneLine = z.infer<typeof SoftphoneLineSchema>;

export const CallScriptAnswerSchema = z.object({ fileName: z.string(), yaml: z.string() });
export type CallScriptAnswer = z.infer<typeof CallScriptAnswerSchema>;

export const ScriptCheckSchema = z.object({ ok: z.boolean(), problems: z.array(z.string()), calls: z.array(z.object({ name: z.string(), failures: z.array(z.string()) })) });
export type ScriptCheck = z.infer<typeof ScriptCheckSchema>;
