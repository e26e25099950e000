import type { RenderedPrompt } from '../../flow/runtime/turn';
import type { Reply } from '../reply';
import { element, response } from './twiml-writer';
import type { Voices } from './voices';

/**
 * TwiML for a reply. Written by twiml-writer.ts, which escapes as the SDK's VoiceResponse does
 * (the bytes are compared with the SDK's in test/telephony/twiml-writer.test.ts).
 */
export function renderTwiml(reply: Reply, voices: Voices): string {
  const next = reply.next;
  if (next.kind === 'gather') {
    const gather = element(
      'Gather',
      {
        input: ['dtmf'],
        action: next.action,
        method: 'POST',
        actionOnEmptyResult: next.onSilence !== 'continue',
        timeout: next.spec.timeoutSec,
        // An empty finishOnKey turns the finish key off: a menu key must not wait for "#".
        finishOnKey: next.spec.finishOnKey ?? '',
        ...(next.spec.minDigits === next.spec.maxDigits ? { numDigits: next.spec.maxDigits } : {}),
        ...(firstLanguage(reply.prompts, voices) ?? {}),
      },
      { children: speak(reply.prompts, voices) },
    );
    return response(gather);
  }
  let verbs = speak(reply.prompts, voices);
  switch (next.kind) {
    case 'record':
      verbs += element('Record', { action: next.action, method: 'POST', maxLength: next.spec.maxLengthSec, finishOnKey: next.spec.finishOnKey, playBeep: true });
      // Twilio skips the action when nothing was recorded; come back to the same turn as "nothing".
      verbs += element('Redirect', { method: 'POST' }, { text: next.action });
      break;
    case 'enqueue':
      verbs += element('Enqueue', { action: next.action, method: 'POST', waitUrl: next.waitUrl, waitUrlMethod: 'POST' }, { text: next.queue });
      break;
    case 'leave':
      verbs += element('Leave');
      break;
    case 'dial':
      verbs += element('Dial', {}, { text: next.number });
      break;
    case 'hangup':
      verbs += element('Hangup');
      break;
    case 'redirect':
      verbs += element('Redirect', { method: 'POST' }, { text: next.url });
      break;
    case 'none':
      break;
  }
  return response(verbs);
}

function speak(prompts: readonly RenderedPrompt[], voices: Voices): string {
  let out = '';
  for (const p of prompts) {
    if ('audio' in p) out += element('Play', {}, { text: p.audio });
    else out += element('Say', { voice: voices[p.lang].voice, language: voices[p.lang].sayLanguage }, { text: p.text });
  }
  return out;
}

/** Speech recognition follows the language the caller is being spoken to in. */
function firstLanguage(prompts: readonly RenderedPrompt[], voices: Voices) {
  const lang = prompts.find((p) => 'text' in p)?.lang ?? prompts[0]?.lang;
  return lang ? { language: voices[lang].gatherLanguage } : undefined;
}
