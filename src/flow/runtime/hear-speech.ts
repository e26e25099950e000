import type { Language } from '../schema/prompt.schema';
import { INTENTS, LexiconSchema, type Intent, type Lexicon } from '../../speech/lexicon.schema';
import type { Heard } from '../../speech/hearing';
import { understand } from '../../speech/understand';
import { isDistressed } from '../../speech/distress';
import type { CallEvent } from './events';
import type { Input } from './input';
import type { ListeningMeta } from './listening';
import type { HeardSummary } from './turn';

/** Below this Confidence a match is confirmed, not acted on, unless the driver says otherwise (config). */
export const DEFAULT_MIN_CONFIDENCE = 0.5;
const EMPTY_LEXICON: Lexicon = LexiconSchema.parse({});
const isIntent = (choice: string): choice is Intent => (INTENTS as readonly string[]).includes(choice);

export type SpeechInput = Extract<Input, { type: 'speech' }>;
export type Hearing = { event: CallEvent; summary: HeardSummary };

/**
 * What the caller's words mean at the state the call waits in, as a machine event. A chosen menu
 * key and a spoken number become DIGITS, so they take the very transitions the keys take; a yes to
 * "did you mean…?" becomes the choice that was asked about. A state that does not listen (keys
 * only) hears nothing it can act on: the words count as a wrong entry, like an invalid key.
 */
export function hearSpeech(
  input: SpeechInput,
  listening: ListeningMeta | undefined,
  lang: Language,
  lexicons: Partial<Record<Language, Lexicon>>,
  unsure: readonly string[] | undefined,
  minConfidence: number,
): Hearing {
  const lexicon = lexicons[lang] ?? EMPTY_LEXICON;
  const listen = listening?.listen[lang];
  const heard: Heard = listen
    ? understand({ text: input.text, ...(input.confidence !== undefined ? { confidence: input.confidence } : {}) }, listen, lexicon, lang, {
        minConfidence,
        confirming: listening?.confirming === true,
      })
    : { kind: 'noMatch' };
  const summary: HeardSummary = {
    kind: heard.kind,
    ...(heard.kind === 'choice' ? { choice: heard.choice } : {}),
    ...(input.confidence !== undefined ? { confidence: input.confidence } : {}),
    ...(input.confidence !== undefined && input.confidence < minConfidence ? { lowConfidence: true as const } : {}),
    distressed: isDistressed(input.text, lexicon, lang),
  };
  return { event: eventFor(heard, unsure), summary };
}

function eventFor(heard: Heard, unsure: readonly string[] | undefined): CallEvent {
  switch (heard.kind) {
    case 'choice':
      return chose(heard.choice);
    case 'digits':
      return { type: 'DIGITS', digits: heard.digits };
    case 'yes': {
      const asked = unsure?.[0];
      return asked === undefined ? { type: 'HEARD', heard: { kind: 'noMatch' } } : chose(asked);
    }
    case 'unsure':
      return { type: 'HEARD', heard: { kind: 'unsure', choices: heard.choices } };
    case 'no':
      return { type: 'HEARD', heard: { kind: 'no' } };
    case 'noMatch':
      return { type: 'HEARD', heard: { kind: 'noMatch' } };
  }
}

function chose(choice: string): CallEvent {
  return isIntent(choice) ? { type: 'HEARD', heard: { kind: 'choice', choice } } : { type: 'DIGITS', digits: choice };
}
