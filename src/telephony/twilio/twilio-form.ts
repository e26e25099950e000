import { z } from 'zod';

/**
 * The form fields Twilio posts to voice and status webhooks that the engine reads. Unknown fields
 * are kept out; a body without CallSid or To is not Twilio's and is refused with a 400.
 */
const Sid = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'is not a call SID (CA followed by letters and digits)');
const Text = z.string().optional();

export const VoiceFormSchema = z.object({
  CallSid: Sid,
  To: z.string().min(1, 'is empty'),
  From: z.string().default(''),
  FromCountry: Text,
  CallerCountry: Text,
  Digits: Text,
  SpeechResult: Text,
  RecordingUrl: Text,
  RecordingDuration: Text,
  CallStatus: Text,
  CallDuration: Text,
  QueuePosition: Text,
  AvgQueueTime: Text,
});
export type VoiceForm = z.infer<typeof VoiceFormSchema>;

export const StatusFormSchema = z.object({
  CallSid: Sid,
  CallStatus: z.string().min(1, 'is empty'),
  CallDuration: Text,
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

/** Parses a webhook body, or says in one line why it is not a Twilio form. */
export function parseTwilioForm<T extends z.ZodType>(schema: T, body: unknown): { ok: true; form: z.infer<T> } | { ok: false; reason: string } {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, form: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? 'body');
  const missing = issue.code === 'invalid_type' && (body as Record<string, unknown> | undefined)?.[field] === undefined;
  return { ok: false, reason: `not a Twilio webhook: ${field} ${missing ? 'is missing' : issue.message}` };
}
