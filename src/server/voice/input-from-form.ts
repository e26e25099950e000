import type { Input } from '../../flow/runtime/input';
import type { VoiceForm } from '../../telephony/twilio/twilio-form';

/** Which of our action URLs a request came to: a <Gather> or a <Record>. */
export type ActionKind = 'gather' | 'record';

/**
 * The caller's input as the runtime understands it, from Twilio's form. An empty <Gather> result
 * (actionOnEmptyResult) is silence; a <Record> that caught nothing comes back through the
 * <Redirect> after it, without a RecordingUrl.
 */
export function inputFromForm(form: VoiceForm, action: ActionKind, now: number): Input {
  if (action === 'record') {
    return { type: 'recording', url: form.RecordingUrl ?? '', durationSec: form.RecordingDuration ?? 0, now };
  }
  const speech = form.SpeechResult?.trim();
  if (speech) return { type: 'speech', text: speech, now };
  const digits = form.Digits?.trim();
  if (digits && /^[0-9*#]+$/.test(digits)) return { type: 'digits', digits, now };
  return { type: 'noInput', now };
}
