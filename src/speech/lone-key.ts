import type { Language } from '../flow/schema/prompt.schema';
import { isEnglishNumberWord } from './english-number';
import { spokenDigits } from './spoken-digits';

/**
 * A menu key said instead of pressed: "1", "一", "按1", "第一个", "选二", "one", "press one",
 * "option two", "the first one", "star", "井号". Only when that is all the caller said (after
 * fillers), so "我有一个问题" is not key 1.
 */
const ZH = /^(?:我)?(?:要)?(?:按|选|选择)?(?:第)?(.+?)(?:个|项|号|键)?(?:吧)?$/u;
const ZH_NUMBER = /^[\d零〇洞幺一二两三四五六七八九十]+$/u;
const ZH_SIGNS: Readonly<Record<string, string>> = { 星号: '*', 星: '*', 井号: '#', 井: '#' };

const EN_LEAD = new Set(['i', 'want', 'will', 'ill', 'take', 'press', 'option', 'number', 'choose', 'select', 'pick', 'key', 'button', 'the']);
const EN_TAIL = new Set(['please', 'option', 'thanks', 'thank', 'you']);
const ORDINALS: Readonly<Record<string, string>> = {
  first: '1', second: '2', third: '3', fourth: '4', fifth: '5', sixth: '6', seventh: '7', eighth: '8', ninth: '9',
};
const EN_SIGNS: Readonly<Record<string, string>> = { star: '*', pound: '#', hash: '#' };

/** `text` is normalised. The key the caller said, or undefined. */
export function loneKey(text: string, lang: Language): string | undefined {
  const compact = text.replace(/\s+/g, '');
  const zh = ZH.exec(compact)?.[1];
  if (zh !== undefined) {
    if (zh in ZH_SIGNS) return ZH_SIGNS[zh];
    if (ZH_NUMBER.test(zh)) return spokenDigits(zh, lang);
  }
  if (lang !== 'en-US') return undefined;
  const words = text.split(' ');
  while (words.length > 1 && EN_LEAD.has(words[0])) words.shift();
  while (words.length > 1 && EN_TAIL.has(words[words.length - 1])) words.pop();
  if (words.length === 2 && words[0] in ORDINALS && words[1] === 'one') words.pop();
  const allNumber = words.every((w, i) => /^\d+$/.test(w) || isEnglishNumberWord(w, words[i - 1], words[i + 1]));
  if (words.length !== 1) return allNumber ? spokenDigits(words.join(' '), lang) : undefined;
  const [word] = words;
  return ORDINALS[word] ?? EN_SIGNS[word] ?? spokenDigits(word, lang);
}
