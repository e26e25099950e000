import type { Span } from './match';
import { LruCache } from '../platform/lru-cache';

/**
 * Chinese near-homophones: recognisers write 帐号 for 账号 and 登陆 for 登录, which sound the
 * same. Comparing toneless pinyin syllable by syllable finds those. Only phrases of two or more
 * Chinese characters take part: one toneless syllable matches far too much (急 "ji" is in 机,
 * 几, 记).
 *
 * pinyin-pro costs ~30 ms and ~8 MB of heap to load (its dictionary), so it is loaded on the
 * first utterance that needs it, not when the server starts.
 */
type PinyinPro = typeof import('pinyin-pro');
let library: PinyinPro | undefined;

function load(): PinyinPro {
  // A plain require on first use keeps the dictionary out of start-up; the type comes from the
  // package's own declarations.
  library ??= require('pinyin-pro') as PinyinPro;
  return library;
}

const ALL_HAN = /^\p{Script=Han}{2,}$/u;
/** The flows' and lexicons' phrases in syllables, worked out once each (a bounded set; never a caller's words). */
const phraseSyllables = new LruCache<string, string[]>(5_000);

/** Whether the pinyin comparison can say anything about this phrase. */
export function soundsComparable(phrase: string): boolean {
  return ALL_HAN.test(phrase);
}

/** One toneless syllable per character (spaces and Latin letters stand for themselves). */
export function syllables(text: string): string[] {
  return load().pinyin(text, { toneType: 'none', type: 'array', v: true });
}

/**
 * Where the phrase's syllables occur in the utterance's, as spans over syllable positions. The
 * utterance's syllables are computed once by the caller and passed in.
 */
export function findBySound(utterance: readonly string[], phrase: string): Span[] {
  if (!soundsComparable(phrase)) return [];
  const wanted = phraseSyllables.getOrAdd(phrase, () => syllables(phrase));
  const spans: Span[] = [];
  for (let at = 0; at + wanted.length <= utterance.length; at += 1) {
    if (wanted.every((s, k) => utterance[at + k] === s)) spans.push({ start: at, end: at + wanted.length, phrase });
  }
  return spans;
}
