/**
 * Where a normalised phrase occurs in a normalised utterance. Chinese is written without spaces,
 * so a phrase edge that is a Chinese character matches anywhere ("账号" in "我的账号被盗了"); an
 * edge that is a Latin letter or digit must sit on a word boundary, so "no" is not found in
 * "know" or "not", nor "agent" in "agentic".
 *
 * English endings: a phrase whose last word has 4+ letters also matches that word with a plain
 * inflection (s, es, d, ed, ing, ly): "orders" finds "order", "complained" "complain",
 * "urgently" "urgent". Short words never stretch ("no" must not find "nos", "on" not "only").
 */
export type Span = { start: number; end: number; phrase: string };

const WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN_OR_DIGIT = /[a-z0-9]/;
const ENDINGS = ['ing', 'es', 'ed', 'ly', 's', 'd'];

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c) && !/\p{Script=Han}/u.test(c);
}

function stretchable(phrase: string): boolean {
  const last = phrase.slice(phrase.lastIndexOf(' ') + 1);
  return last.length >= 4 && /^[a-z]+$/.test(last);
}

/** End of the match at `at`, or -1 when the phrase does not stand as whole words there. */
function matchEnd(text: string, phrase: string, at: number): number {
  if (LATIN_OR_DIGIT.test(phrase[0]) && isWordChar(text[at - 1])) return -1;
  const end = at + phrase.length;
  if (!LATIN_OR_DIGIT.test(phrase[phrase.length - 1]) || !isWordChar(text[end])) return end;
  if (!stretchable(phrase)) return -1;
  for (const ending of ENDINGS) {
    if (text.startsWith(ending, end) && !isWordChar(text[end + ending.length])) return end + ending.length;
  }
  return -1;
}

/** Every occurrence of `phrase` in `text` (both normalised), left to right. */
export function findAll(text: string, phrase: string): Span[] {
  const spans: Span[] = [];
  if (phrase === '') return spans;
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const end = matchEnd(text, phrase, at);
    if (end !== -1) spans.push({ start: at, end, phrase });
  }
  return spans;
}

export function contains(text: string, phrase: string): boolean {
  return findAll(text, phrase).length > 0;
}

/** Characters of `text` covered by the spans, each counted once (overlaps do not add up). */
export function coverage(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = 0;
  for (const s of sorted) {
    const from = Math.max(s.start, reach);
    if (s.end > from) covered += s.end - from;
    reach = Math.max(reach, s.end);
  }
  return covered;
}
