import type { Language } from '../flow/schema/prompt.schema';
import { CHINESE_DIGITS, chineseCardinal, isChineseUnit } from './chinese-cardinal';
import { englishNumber, isEnglishNumberWord } from './english-number';
import { normalise } from './normalise';

/**
 * A number entry said aloud, as digits: "一三八零零一三八零零零", "one three eight double oh …",
 * "138 0013 8000", "一百二十三" all become digits. The caller may wrap it in words ("我的号码是…
 * 谢谢", "my number is … thanks"): the one run of number words is taken, and two separate runs
 * (or none) give undefined, so the flow asks again rather than guess.
 *
 * A lone Chinese numeral inside a word ("查一下", "两个", "一些") is not a number, nor is a lone
 * "oh"/"o" (an interjection). When several runs remain, runs of a single spoken word ("this
 * one") give way to the longer one. English number words count on English calls only.
 */
export function spokenDigits(text: string, lang: Language): string | undefined {
  const runs = numberRuns(normalise(text, lang), lang);
  const valid = runs.map(runDigits).filter((d): d is { digits: string; weak: boolean } => d !== undefined);
  const strong = valid.length > 1 ? valid.filter((r) => !r.weak) : valid;
  return strong.length === 1 && strong[0].digits !== '' ? strong[0].digits : undefined;
}

type Token = { text: string; kind: 'ascii' | 'han' | 'word' };
type Run = { tokens: Token[]; hanFollows: boolean };

const TOKEN = /\d+|[a-z]+|\S/gu;

function isHanNumeral(t: string): boolean {
  return t in CHINESE_DIGITS || isChineseUnit(t);
}

function numberRuns(text: string, lang: Language): Run[] {
  const raw = text.match(TOKEN) ?? [];
  const runs: Run[] = [];
  let current: Token[] = [];
  const close = (next: string | undefined): void => {
    if (current.length > 0) runs.push({ tokens: current, hanFollows: next !== undefined && /\p{Script=Han}/u.test(next) && !isHanNumeral(next) });
    current = [];
  };
  raw.forEach((t, i) => {
    const token = classify(t, raw[i - 1], raw[i + 1], lang);
    if (token) current.push(token);
    else close(t);
  });
  close(undefined);
  return runs;
}

function classify(t: string, before: string | undefined, after: string | undefined, lang: Language): Token | undefined {
  // "triple 0": the written digit belongs to the spoken repeat before it.
  if (/^\d$/.test(t) && (before === 'double' || before === 'triple')) return { text: t, kind: 'word' };
  if (/^\d+$/.test(t)) return { text: t, kind: 'ascii' };
  if (isHanNumeral(t)) return { text: t, kind: 'han' };
  if (lang === 'en-US' && isEnglishNumberWord(t, before, after)) return { text: t, kind: 'word' };
  return undefined;
}

/** Digits of one run, or undefined when it is not a number; `weak` when it is one spoken word. */
function runDigits(run: Run): { digits: string; weak: boolean } | undefined {
  const { tokens } = run;
  if (tokens.every((t) => t.text === 'oh' || t.text === 'o')) return undefined;
  if (tokens.length === 1 && tokens[0].kind === 'han' && run.hanFollows) return undefined;
  let digits = '';
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    while (j < tokens.length && tokens[j].kind === tokens[i].kind) j += 1;
    const group = tokens.slice(i, j).map((t) => t.text);
    const part = tokens[i].kind === 'ascii' ? group.join('') : tokens[i].kind === 'han' ? hanDigits(group.join('')) : englishNumber(group);
    if (part === undefined) return undefined;
    digits += part;
    i = j;
  }
  return { digits, weak: tokens.length === 1 && tokens[0].kind !== 'ascii' };
}

/**
 * Chinese numerals: digit by digit, except a cardinal tail ("一三八 零零一三 八千" = 13800138000):
 * the cardinal starts at the digit before the first unit and runs to the end.
 */
function hanDigits(group: string): string | undefined {
  const chars = [...group];
  const firstUnit = chars.findIndex(isChineseUnit);
  if (firstUnit === -1) return chars.map((c) => String(CHINESE_DIGITS[c])).join('');
  const start = firstUnit > 0 && CHINESE_DIGITS[chars[firstUnit - 1]] !== 0 ? firstUnit - 1 : firstUnit;
  const value = chineseCardinal(chars.slice(start).join(''));
  if (value === undefined) return undefined;
  return chars.slice(0, start).map((c) => String(CHINESE_DIGITS[c])).join('') + String(value);
}
