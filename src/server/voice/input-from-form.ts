import type { Input } from '../../flow/runtime/input';
import { DialStatusSchema } from '../../flow/runtime/turn';
import type { VoiceForm } from '../../telephony/twilio/twilio-form';

/** Which of our action URLs a request came to: a <Gather>, a <Record> or a <Dial>. */
export type ActionKind = 'gather' | 'record' | 'dial';

/** The caller's own call is over (Twilio still asks a <Dial>'s action URL, and ignores the answer). */
const CALLER_GONE: ReadonlySet<string> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/**
 * The caller's input as the runtime understands it, from Twilio's form. An empty <Gather> result
 * (actionOnEmptyResult) is silence; a <Record> that caught nothing comes back through the
 * <Redirect> after it, without a RecordingUrl. A <Dial>'s DialCallStatus that is missing or not
 * one of Twilio's counts as `failed`: the caller is taken to the fallback, never left in silence.
 */
export function inputFromForm(form: VoiceForm, action: ActionKind, now: number): Input {
  if (action === 'record') {
    return { type: 'recording', url: form.RecordingUrl ?? '', durationSec: form.RecordingDuration ?? 0, now };
  }
  if (action === 'dial') {
    const status = DialStatusSchema.safeParse(form.DialCallStatus?.trim());
    const callerStatus = form.CallStatus?.trim();
    return {
      type: 'dialResult',
      status: status.success ? status.data : 'failed',
      durationSec: form.DialCallDuration ?? 0,
      callerLeft: callerStatus !== undefined && CALLER_GONE.has(callerStatus),
      now,
    };
  }
  const speech = form.SpeechResult?.trim();
  if (speech) return { type: 'speech', text: speech, ...(form.Confidence !== undefined ? { confidence: form.Confidence } : {}), now };
  const digits = form.Digits?.trim();
  if (digits && /^[0-9*#]+$/.test(digits)) return { type: 'digits', digits, now };
  return { type: 'noInput', now };
}
