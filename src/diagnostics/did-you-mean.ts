/**
 * Typo suggestions for identifiers flow designers write by hand (node ids,
 * node types, keys). A suggestion is only worth showing when it is very
 * likely what was meant, so the distance budget is tight.
 */

/**
 * Damerau-Levenshtein distance in its "optimal string alignment" form:
 * insertions, deletions, substitutions and transpositions of adjacent
 * characters each cost 1. Transpositions matter because "mneu" for "menu" is
 * the most common typing slip, and plain Levenshtein would charge it 2.
 * (OSA never edits a substring twice; for short identifiers that differs from
 * unrestricted Damerau-Levenshtein only in contrived cases.)
 */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  // Full matrix rather than rolling rows: transpositions look back two rows,
  // and identifiers are short enough that memory is irrelevant.
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i][0] = i;
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2][j - 2] + 1);
      }
      d[i][j] = best;
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible
 * typo: at most max(1, floor(len/3)) edits, so short words tolerate one slip
 * and longer ones proportionally more, while "zzz" never matches "say".
 * Ties go to the earliest candidate so output is deterministic.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const budget = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // Cheap length check first: the distance is at least the length gap.
    if (Math.abs(candidate.length - word.length) > budget) continue;
    const distance = editDistance(word, candidate);
    if (distance <= budget && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Ready to append to a message: ` (did you mean "x"?)`, or '' when there is
 * nothing worth suggesting, so callers can concatenate unconditionally.
 */
export function didYouMeanSuffix(word: string, candidates: Iterable<string>): string {
  const suggestion = didYouMean(word, candidates);
  return suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`;
}
