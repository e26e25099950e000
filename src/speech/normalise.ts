import type { Language } from '../flow/schema/prompt.schema';

/** A Chinese character (Han script; 〇 included). Spaces between two of them mean nothing. */
const HAN = /\p{Script=Han}/u;
const SPACES_BETWEEN_HAN = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;
/** Apostrophes join an English word ("it's" → "its", "don't" → "dont"), never split it. */
const APOSTROPHES = /['’‘`´]/g;
/** Punctuation and symbols of any script (，。？！、“”…, ASCII, emoji) separate words. */
const PUNCTUATION = /[\p{P}\p{S}]/gu;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Each lexicon's fillers, normalised and longest first, worked out once per list (lexicons live as long as their flow). */
const prepared = new WeakMap<readonly string[], string[]>();
function preparedFillers(fillers: readonly string[], lang: Language): string[] {
  let cleaned = prepared.get(fillers);
  if (!cleaned) {
    cleaned = fillers
      .map((f) => normalise(f, lang))
      .filter((f) => f !== '')
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    prepared.set(fillers, cleaned);
  }
  return cleaned;
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(SPACES_BETWEEN_HAN, '$1');
}

/**
 * What the recogniser returned, made comparable with a lexicon phrase: NFKC (full-width letters,
 * digits and punctuation become half-width), lower case, punctuation dropped, spaces between
 * Chinese characters dropped (Twilio's cmn recogniser sometimes writes "我 的 账 号"), whitespace
 * collapsed, and filler words dropped. Phrases go through the same function, so both sides agree.
 *
 * Fillers follow the script they are written in, whatever the call's language: a Chinese filler
 * ("嗯", "那个") is dropped wherever it occurs, longest first; a Latin one ("um") only as whole
 * words, so "number" keeps its "um". `lang` is in the signature for the callers' symmetry with
 * the other speech functions; the rules need nothing from it today.
 */
export function normalise(text: string, lang: Language, fillers: readonly string[] = []): string {
  void lang;
  let out = tidy(text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').replace(PUNCTUATION, ' '));
  if (fillers.length === 0 || out === '') return out;
  for (const filler of preparedFillers(fillers, lang)) {
    if (!out.includes(filler)) continue;
    if (hasHan(filler)) {
      out = out.split(filler).join(' ');
    } else {
      // Pad so a filler at either end is a whole word too; repeat for "um um" (overlapping spaces).
      let padded = ` ${out} `;
      const word = ` ${filler} `;
      while (padded.includes(word)) padded = padded.split(word).join(' ');
      out = padded;
    }
    out = tidy(out);
  }
  return out;
}
