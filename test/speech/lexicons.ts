import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Language } from '../../src/flow/schema/prompt.schema';
import { LexiconSchema, type Lexicon } from '../../src/speech/lexicon.schema';

/** The lexicons the product ships, as operations left them in flows/speech/. */
export function shippedLexicon(lang: Language): Lexicon {
  const file = join(__dirname, '../../flows/speech', `${lang}.yaml`);
  return LexiconSchema.parse(parse(readFileSync(file, 'utf8')));
}
