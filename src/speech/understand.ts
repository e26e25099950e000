import type { Language } from '../flow/schema/prompt.schema';
import type { Choice, Heard, Listen } from './hearing';
import { INTENTS, type Lexicon } from './lexicon.schema';
import { loneKey } from './lone-key';
import { coverage, findAll, type Span } from './match';
import { hasHan, normalise } from './normalise';
import { findBySound, syllables } from './pinyin';
import { spokenDigits } from './spoken-digits';

export type UnderstandOptions = {
  /** Below this recogniser confidence a single match is confirmed with the caller, not taken. */
  minConfidence: number;
  /** The state asked "did you mean…?": yes and no are understood first. */
  confirming?: boolean;
};

const NO_MATCH: Heard = { kind: 'noMatch' };

/**
 * Phrases normalised once per lexicon: they come from the flows and lexicons, a bounded set, and
 * a spoken turn compares the utterance with every one of them. (What callers say is never kept.)
 */
const phrasesByLexicon = new WeakMap<Lexicon, Map<string, string>>();
function normalisedPhrase(p: string, lang: Language, lexicon: Lexicon): string {
  let known = phrasesByLexicon.get(lexicon);
  if (!known) phrasesByLexicon.set(lexicon, (known = new Map()));
  let out = known.get(p);
  if (out === undefined) known.set(p, (out = normalise(p, lang, lexicon.fillers)));
  return out;
}

/** A candidate and how much of the utterance its phrases cover; the best covers the most. */
type Candidate = { choice: Choice; covered: number; longest: number; order: number };

/**
 * What an utterance meant at a waiting state (see docs/speech-understanding.md): yes/no when
 * confirming, then the global intents (emergency before person), then the state's own listening
 * (a number entry, or a menu option by phrase or by its key said aloud). When nothing matches
 * literally in a Chinese utterance, the same is tried again by sound (pinyin), which is the only
 * step that loads a dictionary. Never throws; two options heard, or one heard below
 * `minConfidence`, come back `unsure` so the flow asks rather than guesses.
 */
export function understand(
  u: { text: string; confidence?: number },
  listen: Listen,
  lexicon: Lexicon,
  lang: Language,
  opts: UnderstandOptions,
): Heard {
  const text = normalise(u.text, lang, lexicon.fillers);
  if (text === '') return NO_MATCH;
  const phrase = (p: string): string => normalisedPhrase(p, lang, lexicon);
  // No confidence at all means the recogniser did not say, which is not the same as "low".
  const low = u.confidence !== undefined && u.confidence < opts.minConfidence;

  if (opts.confirming) {
    const answer = yesOrNo(text, lexicon, phrase);
    if (answer) return { kind: answer };
  }
  const literal = (p: string): Span[] => findAll(text, phrase(p));

  const intent = firstIntent(listen, lexicon, literal);
  if (intent) return decide([intent], low);
  if (listen.mode === 'digits') {
    const digits = spokenDigits(text, lang);
    if (digits !== undefined) return { kind: 'digits', digits };
  } else {
    const key = loneKey(text, lang);
    const keyed = key === undefined ? undefined : listen.options.find((o) => o.key === key);
    if (keyed) return decide([keyed.key], low);
    const heard = rankOptions(listen.options, literal);
    if (heard.length > 0) return decide(heard, low);
  }
  if (!hasHan(text)) return NO_MATCH;

  // Nothing literal: try again by sound. Loads pinyin-pro on first use.
  const sounds = syllables(text);
  const bySound = (p: string): Span[] => findBySound(sounds, phrase(p));
  const soundIntent = firstIntent(listen, lexicon, bySound);
  if (soundIntent) return decide([soundIntent], low);
  if (listen.mode === 'digits') return NO_MATCH;
  const heard = rankOptions(listen.options, bySound);
  return heard.length > 0 ? decide(heard, low) : NO_MATCH;
}

function decide(choices: readonly Choice[], low: boolean): Heard {
  if (choices.length >= 2) return { kind: 'unsure', choices: choices.slice(0, 2) };
  return low ? { kind: 'unsure', choices: [choices[0]] } : { kind: 'choice', choice: choices[0] };
}

function firstIntent(listen: Listen, lexicon: Lexicon, find: (p: string) => Span[]): Choice | undefined {
  return INTENTS.find((intent) => listen.intents.includes(intent) && lexicon[intent].some((p) => find(p).length > 0));
}

/**
 * The options heard, best first: the most of the utterance covered by the option's phrases
 * ("账号的视频被封禁了" covers 视频+封禁 for appeal, 账号 for account: appeal first), then the
 * longest single phrase, then the menu's own order, so the result never depends on chance. A
 * phrase heard only inside a longer phrase of another option does not count for its own ("是"
 * inside "不是", "账号" inside "账号封禁"): the caller said the longer one.
 */
function rankOptions(options: Extract<Listen, { mode: 'choice' }>['options'], find: (p: string) => Span[]): Choice[] {
  const found = options.map((option, order) => ({ option, order, spans: option.phrases.flatMap(find) }));
  const inOther = (s: Span, order: number) =>
    found.some((f) => f.order !== order && f.spans.some((o) => o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start));
  const heard: Candidate[] = [];
  for (const { option, order, spans: all } of found) {
    const spans = all.filter((s) => !inOther(s, order));
    if (spans.length === 0) continue;
    const longest = Math.max(...spans.map((s) => s.end - s.start));
    heard.push({ choice: option.key, covered: coverage(spans), longest, order });
  }
  heard.sort((a, b) => b.covered - a.covered || b.longest - a.longest || a.order - b.order);
  return heard.map((c) => c.choice);
}

/**
 * Yes or no. A match inside a longer match of the other answer does not count ("是" inside
 * "不是", "对" inside "不对", "no" inside "no problem" when that is a yes phrase); if both still
 * stand ("对，不是那个"), no wins: asking again costs less than a wrong yes. A one-character
 * Chinese answer counts only where the caller starts with it.
 */
function yesOrNo(text: string, lexicon: Lexicon, phrase: (p: string) => string): 'yes' | 'no' | undefined {
  const spans = (kind: 'yes' | 'no'): (Span & { kind: 'yes' | 'no' })[] =>
    lexicon[kind].flatMap((p) => findAll(text, phrase(p)).map((s) => ({ ...s, kind })));
  // "是", "对", "不" alone are everywhere in Chinese ("我是想问订单"); as an answer they come first.
  const all = [...spans('no'), ...spans('yes')].filter((s) => s.start === 0 || !/^\p{Script=Han}$/u.test(s.phrase));
  const standing = all.filter(
    (s) => !all.some((o) => o.kind !== s.kind && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start),
  );
  if (standing.some((s) => s.kind === 'no')) return 'no';
  return standing.length > 0 ? 'yes' : undefined;
}
