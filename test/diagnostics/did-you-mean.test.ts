import { didYouMean, didYouMeanSuffix } from '../../src/diagnostics';

describe('didYouMean', () => {
  it('suggests the closest candidate within the typo budget', () => {
    expect(didYouMean('stolenn', ['lost', 'stolen', 'billing'])).toBe('stolen');
    expect(didYouMean('tmeout', ['text', 'timeout'])).toBe('timeout');
  });

  it('counts an adjacent transposition as a single edit', () => {
    // "mneu" is 2 edits for plain Levenshtein, which would exceed the budget of 1 for a 4-letter word.
    expect(didYouMean('mneu', ['say', 'menu'])).toBe('menu');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(didYouMean('zzz', ['say', 'menu', 'gather'])).toBeUndefined();
    expect(didYouMean('anything', [])).toBeUndefined();
  });

  it('allows max(1, floor(len/3)) edits', () => {
    expect(didYouMean('ab', ['xy'])).toBeUndefined(); // 2 edits > 1
    expect(didYouMean('ab', ['ax'])).toBe('ax'); // short words still get one edit
    expect(didYouMean('abcdef', ['abxyef'])).toBe('abxyef'); // 2 edits <= floor(6/3)
    expect(didYouMean('abcdef', ['axyzef'])).toBeUndefined(); // 3 edits > 2
  });

  it('prefers the nearest candidate, then the first one given', () => {
    expect(didYouMean('gathr', ['gat', 'gather'])).toBe('gather');
    expect(didYouMean('cat', ['bat', 'hat'])).toBe('bat');
  });

  it('accepts any iterable', () => {
    expect(didYouMean('stolenn', new Set(['stolen']))).toBe('stolen');
  });
});

describe('didYouMeanSuffix', () => {
  it('formats a ready-to-append hint or nothing', () => {
    expect(didYouMeanSuffix('stolenn', ['stolen'])).toBe(' (did you mean "stolen"?)');
    expect(didYouMeanSuffix('zzz', ['stolen'])).toBe('');
  });
});
