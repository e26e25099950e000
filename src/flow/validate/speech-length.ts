import { describeHours, type Hotline } from '../../hotlines';
import type { Language } from '../schema/prompt.schema';

/**
 * How long a prompt takes to say, estimated from its text: callers stop listening long before a
 * 40-second menu ends, and Twilio's <Gather> timeout only starts after the speech. The rates are
 * those of the default voices (Polly Zhiyu, Polly Joanna) at normal speed, pauses included.
 */
export const SPEECH_RATES: Readonly<Record<Language, { perSecond: number; unit: 'characters' | 'words' }>> = {
  'zh-CN': { perSecond: 4.5, unit: 'characters' },
  'en-US': { perSecond: 2.7, unit: 'words' },
};

/** The longest prompt `ivr validate` accepts. */
export const MAX_PROMPT_SECONDS = 25;

/**
 * What a placeholder usually reads as, in characters (zh-CN) or words (en-US). `:digits` is read
 * one digit at a time, so it counts its digits: a ticket number has 8, a phone tail 4.
 */
const TYPICAL: Readonly<Record<Language, { time: number; duration: number; plain: number }>> = {
  'zh-CN': { time: 3, duration: 4, plain: 4 }, // "8点", "48小时", a short value
  'en-US': { time: 2, duration: 2, plain: 2 }, // "8 o'clock", "48 hours"
};
const DIGITS_OF: Readonly<Record<string, number>> = { phoneTail: 4, ticketId: 8 };
const DEFAULT_DIGITS = 8;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z0-9_-]+))?\}/g;

export type SpeechEstimate = { seconds: number; amount: number; unit: 'characters' | 'words' };

/**
 * zh-CN counts every Chinese character and digit, and a Latin word as 2 (an acronym as its
 * letters: "ID" 2, "VIP" 3); en-US counts words, and reads a number of 4 or more digits digit by
 * digit. Punctuation and spaces are pauses, which the rates already include. `{hours:<id>}` counts
 * as the hours it is replaced with; other placeholders at their typical length.
 */
export function estimateSpeech(text: string, lang: Language, hotlines: readonly Pick<Hotline, 'id' | 'hours'>[] = []): SpeechEstimate {
  let amount = 0;
  const rest = text.replace(PLACEHOLDER, (_, name: string, format?: string) => {
    if (name === 'hours' && format && !['digits', 'time', 'duration'].includes(format)) {
      const hotline = hotlines.find((h) => h.id === format);
      return hotline ? ` ${describeHours(hotline, lang)} ` : ' ';
    }
    if (format === 'digits') amount += DIGITS_OF[name] ?? DEFAULT_DIGITS;
    else if (format === 'time') amount += TYPICAL[lang].time;
    else if (format === 'duration') amount += TYPICAL[lang].duration;
    else amount += TYPICAL[lang].plain;
    return ' ';
  });
  amount += lang === 'zh-CN' ? chineseUnits(rest) : englishWords(rest);
  const rate = SPEECH_RATES[lang];
  return { seconds: amount / rate.perSecond, amount, unit: rate.unit };
}

function chineseUnits(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const digits = text.match(/\d/g)?.length ?? 0;
  const latin = (text.match(/[A-Za-z]+/g) ?? []).reduce((n, w) => n + (/^[A-Z]+$/.test(w) ? w.length : 2), 0);
  return han + digits + latin;
}

function englishWords(text: string): number {
  let words = 0;
  for (const token of text.split(/[\s,;:!?()"“”]+/)) {
    if (!/[\p{L}\p{N}]/u.test(token)) continue;
    const digits = token.replace(/\D/g, '');
    const han = token.match(/\p{Script=Han}/gu)?.length ?? 0;
    if (han > 0) words += han;
    else if (digits.length >= 4 && /^[\d+\-.]+$/.test(token)) words += digits.length;
    else words += 1;
  }
  return words;
}

/** "about 27.1 s of speech (122 characters at 4.5 a second)" */
export function describeEstimate(e: SpeechEstimate, lang: Language): string {
  return `about ${e.seconds.toFixed(1)} s of speech (${e.amount} ${e.unit} at ${SPEECH_RATES[lang].perSecond} a second)`;
}
