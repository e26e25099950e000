import type { Language } from '../schema/prompt.schema';
import { listensToSpeech, type InputMode, type SpokenPhrases } from '../schema/input-mode.schema';
import type { InlineText } from '../schema/prompt.schema';
import type { Lexicon } from '../../speech/lexicon.schema';
import { INTENTS, type Intent } from '../../speech/lexicon.schema';
import type { Listen } from '../../speech/hearing';
import type { CompiledPrompt } from '../prompts/compiled-prompt';
import type { ConfirmPrompts } from '../runtime/machine-setup';
import type { ListeningMeta } from '../runtime/listening';

/** Twilio takes at most this many hints; the first (the options' own phrases) matter most. */
const MAX_HINTS = 100;
/** Google's class token for a run of digits: tells the recogniser a number entry expects digits. */
const DIGIT_HINT = '$OOV_CLASS_DIGIT_SEQUENCE';

/** What a flow needs to compile its spoken answers. */
export type SpeechEnvironment = {
  lexicons: Partial<Record<Language, Lexicon>>;
  /** The flow's default input (`input:`), for nodes that do not say. */
  flowInput: InputMode;
  /** Where the global intents go in this flow (a person; the emergency path, if the flow has one). */
  intents: Partial<Record<Intent, string>>;
  languages: readonly Language[];
  /** A catalogue prompt, compiled (for the "did you mean…?" wording). */
  prompt(key: string): CompiledPrompt;
};

/**
 * A menu option as speech sees it: its phrases, and for the engine's own "this phone?" questions
 * the lexicon's yes or no as well.
 */
export type SpokenOption = { key: string; say?: SpokenPhrases; label?: InlineText; fromLexicon?: 'yes' | 'no' };

/** What a digit state needs to listen: per language, the targets of its intents, its confirmation. */
export type SpokenSpec = {
  meta: ListeningMeta;
  hints: Partial<Record<Language, string[]>>;
  intents: Partial<Record<Intent, string>>;
  /** Menus ask "did you mean…?" when unsure; entries just ask again. */
  confirm?: { prompts: ConfirmPrompts; labels: Record<string, Partial<Record<Language, string>>> };
};

/**
 * The spoken side of a menu (`options`) or a number entry (`'digits'`), or undefined when the node
 * takes keys only (its own `input`, else the flow's).
 */
export function spokenSpec(env: SpeechEnvironment, nodeInput: InputMode | undefined, options: SpokenOption[] | 'digits'): SpokenSpec | undefined {
  if (!listensToSpeech(nodeInput ?? env.flowInput)) return undefined;
  const intents = INTENTS.filter((i) => env.intents[i] !== undefined);
  const listen: Partial<Record<Language, Listen>> = {};
  const hints: Partial<Record<Language, string[]>> = {};
  for (const lang of env.languages) {
    const lexicon = env.lexicons[lang];
    const intentPhrases = intents.flatMap((i) => lexicon?.[i] ?? []);
    if (options === 'digits') {
      listen[lang] = { mode: 'digits', intents };
      hints[lang] = [DIGIT_HINT, ...intentPhrases].slice(0, MAX_HINTS);
    } else {
      const spoken = options.map((o) => ({ key: o.key, phrases: [...(o.fromLexicon ? (lexicon?.[o.fromLexicon] ?? []) : []), ...(o.say?.[lang] ?? [])] }));
      listen[lang] = { mode: 'choice', options: spoken, intents };
      hints[lang] = unique([...spoken.flatMap((o) => o.phrases), ...intentPhrases]).slice(0, MAX_HINTS);
    }
  }
  const targets: Partial<Record<Intent, string>> = {};
  for (const i of intents) targets[i] = env.intents[i];
  if (options === 'digits') return { meta: { listen }, hints, intents: targets };
  return {
    meta: { listen },
    hints,
    intents: targets,
    confirm: {
      prompts: { one: env.prompt('speech.confirm_one'), two: env.prompt('speech.confirm_two'), intent: env.prompt('speech.confirm_intent') },
      labels: {
        ...Object.fromEntries(options.map((o) => [o.key, labelOf(o, env)])),
        ...Object.fromEntries(intents.map((i) => [i, intentLabel(env.prompt(`speech.intent.${i}`))])),
      },
    },
  };
}

function labelOf(o: SpokenOption, env: SpeechEnvironment): Partial<Record<Language, string>> {
  const out: Partial<Record<Language, string>> = {};
  for (const lang of env.languages) {
    const label = o.label?.[lang] ?? (o.fromLexicon ? env.lexicons[lang]?.[o.fromLexicon][0] : o.say?.[lang]?.[0]);
    if (label !== undefined) out[lang] = label;
  }
  return out;
}

/** An intent's name as the catalogue words it ("人工服务", "a person"). */
function intentLabel(prompt: CompiledPrompt): Partial<Record<Language, string>> {
  const part = prompt[0];
  return part && 'text' in part && typeof part.text === 'object' ? part.text : {};
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
