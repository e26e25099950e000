/**
 * English number words as digits. Digit by digit ("one three eight" = 138, "oh" = 0, "double
 * eight" = 88, "triple zero" = 000) and cardinals ("one hundred twenty three" = 123, "twenty
 * twenty" = 2020, "five thousand" = 5000), read left to right and joined, which is how people
 * say phone numbers, years and account numbers.
 */
const UNITS: Readonly<Record<string, number>> = {
  zero: 0, oh: 0, o: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const REPEATS: Readonly<Record<string, number>> = { double: 2, triple: 3 };
const SCALES = new Set(['hundred', 'thousand']);

function isPlain(w: string | undefined): boolean {
  return w !== undefined && (w in UNITS || w in TEENS || w in TENS || /^\d$/.test(w));
}

/** Whether `w` belongs to a spoken number, given its neighbours ("a" and "and" only inside one). */
export function isEnglishNumberWord(w: string, before: string | undefined, after: string | undefined): boolean {
  if (w in UNITS || w in TEENS || w in TENS || SCALES.has(w)) return true;
  if (w in REPEATS) return isPlain(after);
  if (w === 'a') return after !== undefined && SCALES.has(after);
  if (w === 'and') return before !== undefined && SCALES.has(before) && isPlain(after);
  return false;
}

/** The digits of a run of number words, or undefined when they do not read as one. */
export function englishNumber(words: readonly string[]): string | undefined {
  let out = '';
  let i = 0;
  const at = (k: number): string | undefined => words[k];
  /** A value below 1000 from i, or undefined. */
  const belowThousand = (): number | undefined => {
    let value: number | undefined;
    const w = at(i);
    if (w !== undefined && (w in UNITS || w === 'a') && at(i + 1) === 'hundred') {
      value = (w === 'a' ? 1 : UNITS[w]) * 100;
      i += 2;
      if (at(i) === 'and') i += 1;
      const rest = at(i);
      if (rest === undefined || !(rest in TENS || rest in TEENS || (rest in UNITS && rest !== 'oh' && rest !== 'o'))) return value;
    }
    const v = at(i);
    if (v === undefined) return value;
    if (v in TENS) {
      i += 1;
      const u = at(i);
      const ones = u !== undefined && u in UNITS && UNITS[u] > 0 ? UNITS[u] : 0;
      if (ones > 0) i += 1;
      return (value ?? 0) + TENS[v] + ones;
    }
    if (v in TEENS) return (i += 1), (value ?? 0) + TEENS[v];
    if (v in UNITS && value === undefined) return (i += 1), UNITS[v];
    if (v in UNITS && value !== undefined && UNITS[v] > 0) return (i += 1), value + UNITS[v];
    return value;
  };
  while (i < words.length) {
    const w = words[i];
    if (w in REPEATS) {
      const next = at(i + 1);
      if (next === undefined || !isPlain(next) || !(next in UNITS || /^\d$/.test(next))) return undefined;
      out += String(next in UNITS ? UNITS[next] : next).repeat(REPEATS[w]);
      i += 2;
      continue;
    }
    const start = i;
    const small = belowThousand();
    if (small === undefined || i === start) return undefined;
    if (at(i) === 'thousand') {
      i += 1;
      const save = i;
      const rest = at(i) !== undefined && !(at(i)! in REPEATS) && at(i) !== 'oh' && at(i) !== 'o' ? belowThousand() : undefined;
      if (rest === undefined) i = save;
      out += String(small * 1000 + (rest ?? 0));
    } else out += String(small);
  }
  return out;
}
