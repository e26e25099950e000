import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { Language } from '../../flow/schema/prompt.schema';

// The SDK keeps its tag unions private to its namespace; reach them through the verbs' attributes.
type SayVoice = NonNullable<VoiceResponse.SayAttributes['voice']>;
type SayLanguage = NonNullable<VoiceResponse.SayAttributes['language']>;
type GatherLanguage = NonNullable<VoiceResponse.GatherAttributes['language']>;

/**
 * How each prompt language is spoken and heard on Twilio. Text-to-speech (<Say language>) and
 * speech recognition (<Gather language>) name Mandarin differently (cmn-CN vs cmn-Hans-CN), so
 * both tags live side by side here and a configured voice is checked against its language.
 */
export type VoiceSpec = {
  /** The TTS voice, e.g. Polly.Zhiyu. */
  voice: SayVoice;
  /** <Say language>. */
  sayLanguage: SayLanguage;
  /** <Gather language>, for speech input. */
  gatherLanguage: GatherLanguage;
  /** <Gather speechModel>: the recogniser (SPEECH_MODEL). */
  speechModel: string;
};
export type Voices = Record<Language, VoiceSpec>;

type LanguageTags = {
  sayLanguage: SayLanguage;
  gatherLanguage: GatherLanguage;
  defaultVoice: SayVoice;
  /** Amazon Polly voices that speak the language. */
  polly: readonly SayVoice[];
  /** Google voices of the language start with this. */
  googlePrefix: string;
};

export const LANGUAGE_TAGS: Readonly<Record<Language, LanguageTags>> = {
  'zh-CN': {
    sayLanguage: 'cmn-CN',
    gatherLanguage: 'cmn-Hans-CN',
    defaultVoice: 'Polly.Zhiyu',
    polly: ['Polly.Zhiyu', 'Polly.Zhiyu-Neural'],
    googlePrefix: 'Google.cmn-CN-',
  },
  'en-US': {
    sayLanguage: 'en-US',
    gatherLanguage: 'en-US',
    defaultVoice: 'Polly.Joanna',
    polly: [
      'Polly.Joanna', 'Polly.Joanna-Neural', 'Polly.Joanna-Generative', 'Polly.Matthew', 'Polly.Matthew-Neural',
      'Polly.Ivy', 'Polly.Justin', 'Polly.Kendra', 'Polly.Kimberly', 'Polly.Salli', 'Polly.Joey', 'Polly.Kevin',
      'Polly.Ruth-Neural', 'Polly.Stephen-Neural', 'Polly.Danielle-Neural', 'Polly.Gregory-Neural',
    ],
    googlePrefix: 'Google.en-US-',
  },
};

/** Why `voice` cannot speak `lang`, or undefined when it can. */
export function voiceMismatch(lang: Language, voice: string): string | undefined {
  const tags = LANGUAGE_TAGS[lang];
  if ((tags.polly as readonly string[]).includes(voice) || voice.startsWith(tags.googlePrefix)) return undefined;
  return `"${voice}" is not a ${lang} voice; use one of ${tags.polly.join(', ')} or a ${tags.googlePrefix}* voice`;
}

/** Google's telephony model: Mandarin and English, and it ends a spoken answer by itself (speechTimeout auto). */
export const DEFAULT_SPEECH_MODEL = 'googlev2_telephony';

/** The voice table for the configured voice names (checked by the config schema first). */
export function voicesFor(names: Record<Language, string>, speechModel = DEFAULT_SPEECH_MODEL): Voices {
  const out = {} as Voices;
  for (const lang of Object.keys(LANGUAGE_TAGS) as Language[]) {
    const mismatch = voiceMismatch(lang, names[lang]);
    if (mismatch) throw new Error(mismatch);
    const tags = LANGUAGE_TAGS[lang];
    out[lang] = { voice: names[lang] as SayVoice, sayLanguage: tags.sayLanguage, gatherLanguage: tags.gatherLanguage, speechModel };
  }
  return out;
}
