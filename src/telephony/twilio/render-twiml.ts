import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { RenderedPrompt } from '../../flow/runtime/turn';
import type { Reply } from '../reply';
import type { Voices } from './voices';

type Speaker = Pick<VoiceResponse, 'say' | 'play'>;

/** TwiML for a reply, built only with the SDK's VoiceResponse so escaping and attributes are its job. */
export function renderTwiml(reply: Reply, voices: Voices): string {
  const response = new VoiceResponse();
  const next = reply.next;
  if (next.kind === 'gather') {
    const gather = response.gather({
      input: ['dtmf'],
      action: next.action,
      method: 'POST',
      actionOnEmptyResult: next.onSilence !== 'continue',
      timeout: next.spec.timeoutSec,
      // An empty finishOnKey turns the finish key off: a menu key must not wait for "#".
      finishOnKey: next.spec.finishOnKey ?? '',
      ...(next.spec.minDigits === next.spec.maxDigits ? { numDigits: next.spec.maxDigits } : {}),
      ...(firstLanguage(reply.prompts, voices) ?? {}),
    });
    speak(gather, reply.prompts, voices);
    return response.toString();
  }
  speak(response, reply.prompts, voices);
  switch (next.kind) {
    case 'record':
      response.record({ action: next.action, method: 'POST', maxLength: next.spec.maxLengthSec, finishOnKey: next.spec.finishOnKey, playBeep: true });
      // Twilio skips the action when nothing was recorded; come back to the same turn as "nothing".
      response.redirect({ method: 'POST' }, next.action);
      break;
    case 'enqueue':
      response.enqueue({ action: next.action, method: 'POST', waitUrl: next.waitUrl, waitUrlMethod: 'POST' }, next.queue);
      break;
    case 'leave':
      response.leave();
      break;
    case 'dial':
      response.dial(next.number);
      break;
    case 'hangup':
      response.hangup();
      break;
    case 'redirect':
      response.redirect({ method: 'POST' }, next.url);
      break;
    case 'none':
      break;
  }
  return response.toString();
}

function speak(target: Speaker, prompts: readonly RenderedPrompt[], voices: Voices): void {
  for (const p of prompts) {
    if ('audio' in p) target.play(p.audio);
    else target.say({ voice: voices[p.lang].voice, language: voices[p.lang].sayLanguage }, p.text);
  }
}

/** Speech recognition follows the language the caller is being spoken to in. */
function firstLanguage(prompts: readonly RenderedPrompt[], voices: Voices) {
  const lang = prompts.find((p) => 'text' in p)?.lang ?? prompts[0]?.lang;
  return lang ? { language: voices[lang].gatherLanguage } : undefined;
}
