import type { Language } from '../flow/schema/prompt.schema';
import type { Lexicon } from './lexicon.schema';
import { contains } from './match';
import { normalise } from './normalise';

/**
 * Whether the caller sounds distressed (a complaint, anger, urgency), which raises the priority of
 * their transfer or ticket by one step. Same normalisation and matching as the menus: Chinese by
 * containment ("急" in "我很着急"), English by whole words with plain endings, so "urgently"
 * counts for "urgent" and "complained" for "complain", but "angry" is not found in "hangry".
 * Literal only: a near-homophone is not evidence of distress.
 */
export function isDistressed(text: string, lexicon: Lexicon, lang: Language): boolean {
  const said = normalise(text, lang, lexicon.fillers);
  if (said === '') return false;
  return lexicon.distress.some((p) => contains(said, normalise(p, lang, lexicon.fillers)));
}
