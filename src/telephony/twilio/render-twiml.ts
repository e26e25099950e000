import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { RenderedPrompt } from '../../flow/runtime/turn';
import type { Reply } from '../reply';
import { PromptFragments } from './prompt-fragments';
import type { Voices } from './voices';
import type { Language } from '../../flow/schema/prompt.schema';

/** The verb prompts are spoken in (the <Response> itself or a <Gather>), and its xmlbuilder element. */
export type PromptParent = { verb: Pick<VoiceResponse, 'say' | 'play'>; element: VoiceResponse.Gather['gather'] };
/** How a reply's prompts get into their parent verb. */
export type PromptWriter = (parent: PromptParent, prompts: readonly RenderedPrompt[], voices: Voices) => void;

/** Shared by every reply of this process; bounded, see PromptFragments. */
const fragments = new PromptFragments(2_000);

/**
 * Each prompt's markup as the SDK rendered it the first time this prompt and voice were spoken,
 * added to the verb as raw XML: the same bytes the SDK would write for it again.
 */
export const cachedPrompts: PromptWriter = ({ element }, prompts, voices) => {
  for (const p of prompts) element.raw(fragments.markup(p, voices));
};

/** Each prompt built by the SDK anew: how every reply was rendered before the cache (kept for the bench). */
export const sdkPrompts: PromptWriter = ({ verb }, prompts, voices) => {
  for (const p of prompts) {
    if ('audio' in p) verb.play(p.audio);
    else verb.say({ voice: voices[p.lang].voice, language: voices[p.lang].sayLanguage }, p.text);
  }
};

/**
 * TwiML for a reply, built with the SDK's VoiceResponse so escaping and attributes are its job.
 * The verbs around the prompts (with each turn's action URL) are built for every reply; the
 * prompts themselves come from the SDK's cached markup.
 */
export function renderTwiml(reply: Reply, voices: Voices): string {
  return renderTwimlWith(reply, voices, cachedPrompts);
}

/** renderTwiml with the prompts written by `writePrompts`. */
export function renderTwimlWith(reply: Reply, voices: Voices, writePrompts: PromptWriter): string {
  const response = new VoiceResponse();
  const next = reply.next;
  if (next.kind === 'gather') {
    const lang = firstLanguage(reply.prompts);
    const gather = response.gather({
      input: next.spec.speech ? ['dtmf', 'speech'] : ['dtmf'],
      action: next.action,
      method: 'POST',
      actionOnEmptyResult: next.onSilence !== 'continue',
      timeout: next.spec.timeoutSec,
      // An empty finishOnKey turns the finish key off: a menu key must not wait for "#".
      finishOnKey: next.spec.finishOnKey ?? '',
      ...(next.spec.minDigits === next.spec.maxDigits ? { numDigits: next.spec.maxDigits } : {}),
      ...(lang ? { language: voices[lang].gatherLanguage } : {}),
      ...(next.spec.speech && lang ? speechAttributes(next.spec.speech.hints, voices[lang].speechModel) : {}),
    });
    writePrompts({ verb: gather, element: gather.gather }, reply.prompts, voices);
    return response.toString();
  }
  writePrompts({ verb: response, element: response.response }, reply.prompts, voices);
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
      response.dial(
        { action: next.action, method: 'POST', timeout: next.spec.timeoutSec, callerId: next.callerId, answerOnBridge: next.spec.answerOnBridge },
        next.spec.number,
      );
      break;
    case 'dialQueue':
      response
        .dial(next.recordingCallback ? { record: 'record-from-answer-dual', recordingStatusCallback: next.recordingCallback, recordingStatusCallbackMethod: 'POST' } : {})
        .queue(next.queue);
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

/** Speech recognition follows the language the caller is being spoken to in. */
function firstLanguage(prompts: readonly RenderedPrompt[]): Language | undefined {
  return prompts.find((p) => 'text' in p)?.lang ?? prompts[0]?.lang;
}

/**
 * Listening for words as well as keys: the phrases the flow expects as hints, the end of the answer
 * found by the recogniser (`auto`, which Twilio refuses with its `default` model: 2 s of silence
 * there), and barge-in, so a caller who knows what to say need not hear the menu out.
 */
function speechAttributes(hints: readonly string[], speechModel: string): Partial<VoiceResponse.GatherAttributes> {
  return {
    ...(hints.length ? { hints: hints.join(', ') } : {}),
    speechModel,
    speechTimeout: speechModel === 'default' ? '2' : 'auto',
    bargeIn: true,
  };
}
