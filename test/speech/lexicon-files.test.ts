import { LANGUAGES } from '../../src/flow/schema/prompt.schema';
import { INTENTS } from '../../src/speech/lexicon.schema';
import { contains } from '../../src/speech/match';
import { normalise } from '../../src/speech/normalise';
import { shippedLexicon } from './lexicons';

describe.each(LANGUAGES)('the %s lexicon operations ship', (lang) => {
  const lexicon = shippedLexicon(lang);
  const norm = (p: string) => normalise(p, lang);

  it('has every list filled', () => {
    for (const list of Object.values(lexicon)) expect(list.length).toBeGreaterThan(0);
  });

  it('gives no phrase two meanings (intents, yes and no)', () => {
    const owners = new Map<string, string>();
    for (const list of [...INTENTS, 'yes', 'no'] as const) {
      for (const p of lexicon[list]) {
        expect({ phrase: p, in: owners.get(norm(p)) ?? list }).toEqual({ phrase: p, in: list });
        owners.set(norm(p), list);
      }
    }
  });

  it('has no filler inside a phrase, where dropping it would break the phrase', () => {
    const phrases = [...lexicon.person, ...lexicon.emergency, ...lexicon.yes, ...lexicon.no, ...lexicon.distress];
    for (const filler of lexicon.fillers) {
      expect({ filler, inside: phrases.filter((p) => contains(norm(p), norm(filler))) }).toEqual({ filler, inside: [] });
    }
  });

  it('writes every phrase as the caller would be transcribed (normalising changes nothing)', () => {
    for (const list of Object.values(lexicon)) {
      for (const p of list) expect(norm(p).replace(/ /g, '')).toBe(p.toLowerCase().replace(/[' ]/g, ''));
    }
  });
});
