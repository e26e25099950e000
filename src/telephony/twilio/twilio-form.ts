import { z } from 'zod';

/**
 * The form fields Twilio posts to voice and status webhooks that the engine reads. Unknown fields
 * are kept out; a body without CallSid or To is not Twilio's and is refused with a 400.
 *
 * Every text field loses its control characters (NUL, escape codes…; tab and line breaks stay) before
 * anything reads it: PostgreSQL refuses NUL in text, and no store or log should hold the others.
 * Every number is a bounded whole number: one posted as 400 digits is Infinity in JavaScript and
 * null in JSON, and a record holding it would no longer decode.
 */
const Sid = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'is not a call SID (CA followed by letters and digits)');
const Text = z.string().optional();

/** Control characters a webhook's text must not carry into a store: C0 except tab, LF and CR; DEL; C1. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The text without its control characters (see CONTROL). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}

/** The most of a spoken answer the engine reads: a minute of speech is far less. */
export const MAX_SPEECH_CHARS = 2_000;

/** The longest call Twilio places (its maximum time limit, 24 hours), in seconds. */
export const MAX_CALL_SECONDS = 86_400;

/**
 * An optional whole number from 0 to `max` posted as decimal digits; an empty field is absent.
 * Anything else (a sign, a fraction, 400 digits) is refused with a message naming the bound.
 */
export function boundedCount(max: number) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      const t = s?.trim();
      if (!t) return undefined;
      if (/^\d{1,15}$/.test(t) && Number(t) <= max) return Number(t);
      ctx.addIssue({ code: 'custom', message: `must be a whole number from 0 to ${max}` });
      return z.NEVER;
    });
}

/** A whole number from 0 to `max`, or undefined when absent or not one (a field nothing depends on). */
export function lenientCount(max: number) {
  return boundedCount(max).catch(undefined);
}

export const VoiceFormSchema = z.object({
  CallSid: Sid,
  To: z.string().min(1, 'is empty'),
  From: z.string().default(''),
  FromCountry: Text,
  CallerCountry: Text,
  Digits: Text,
  // What the recogniser heard. A real answer is a sentence; a longer one is cut, not refused.
  SpeechResult: Text.transform((t) => t?.slice(0, MAX_SPEECH_CHARS)),
  // How sure it was (0–1); a bad value is treated as unknown, never as a failed turn.
  Confidence: z
    .string()
    .optional()
    .transform((t) => (t !== undefined && /^(0(\.\d+)?|1(\.0+)?)$/.test(t.trim()) ? Number(t.trim()) : undefined)),
  RecordingUrl: Text,
  // A recording's length only labels it: a bad one is treated as unknown, never as a failed turn.
  RecordingDuration: lenientCount(MAX_CALL_SECONDS),
  CallStatus: Text,
  CallDuration: lenientCount(MAX_CALL_SECONDS),
  QueuePosition: lenientCount(100_000),
  /** How a <Dial> ended (completed, answered, busy, no-answer, failed, canceled); read by input-from-form. */
  DialCallStatus: Text,
  // Talk time only labels the record: a bad one is treated as unknown, never as a failed turn.
  DialCallDuration: lenientCount(MAX_CALL_SECONDS),
  AvgQueueTime: lenientCount(MAX_CALL_SECONDS),
});
export type VoiceForm = z.infer<typeof VoiceFormSchema>;

export const StatusFormSchema = z.object({
  CallSid: Sid,
  CallStatus: z.string().min(1, 'is empty'),
  CallDuration: boundedCount(MAX_CALL_SECONDS),
});
export type StatusForm = z.infer<typeof StatusFormSchema>;

/**
 * An SMS to one of our numbers, as Twilio's Messaging webhook posts it. MessageSid is required:
 * it is what tells a second delivery of the same SMS from a new one.
 */
export const SmsFormSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9A-Za-z]{1,64}$/, 'is not a message SID (SM or MM followed by letters and digits)'),
  From: z.string().min(1, 'is empty'),
  To: z.string().default(''),
  Body: z.string().default(''),
});
export type SmsForm = z.infer<typeof SmsFormSchema>;

/** The caller's country as Twilio reports it: FromCountry, else CallerCountry (empty when withheld). */
export function reportedCountry(form: Pick<VoiceForm, 'FromCountry' | 'CallerCountry'>): string | undefined {
  return form.FromCountry?.trim() || form.CallerCountry?.trim() || undefined;
}

/** A form body with the control characters taken out of every text field (repeated fields too). */
export function cleanForm(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const clean = (v: unknown): unknown => (typeof v === 'string' ? withoutControlCharacters(v) : Array.isArray(v) ? v.map(clean) : v);
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, clean(v)]));
}

/** Parses a webhook body, or says in one line why it is not a Twilio form. */
export function parseTwilioForm<T extends z.ZodType>(schema: T, body: unknown): { ok: true; form: z.infer<T> } | { ok: false; reason: string } {
  const cleaned = cleanForm(body ?? {});
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return { ok: true, form: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? 'body');
  const missing = issue.code === 'invalid_type' && (cleaned as Record<string, unknown> | undefined)?.[field] === undefined;
  return { ok: false, reason: `not a Twilio webhook: ${field} ${missing ? 'is missing' : issue.message}` };
}
