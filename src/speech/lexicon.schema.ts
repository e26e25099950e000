import { z } from 'zod';

const Phrases = z.array(z.string().trim().min(1)).default([]);

/**
 * The words the engine listens for in one language, kept by operations in
 * flows/speech/<language>.yaml (validated at load, file:line:col on error): the global intents
 * (a person, the emergency path), yes and no for confirmations, filler words dropped before
 * matching, and the words that mark a distressed caller.
 */
export const LexiconSchema = z
  .object({
    person: Phrases.describe('Phrases that reach a person from any menu or entry ("转人工", "agent").'),
    emergency: Phrases.describe("Phrases that take the caller to the flow's emergency path from any menu (\"被盗\", \"hacked\")."),
    yes: Phrases.describe('What counts as yes when the engine asks "did you mean…?".'),
    no: Phrases.describe('What counts as no.'),
    fillers: Phrases.describe('Words dropped before matching ("嗯", "那个", "um").'),
    distress: Phrases.describe('Words that mark the caller as distressed and raise the priority of their transfer or ticket by one step.'),
  })
  .strict();
export type Lexicon = z.infer<typeof LexiconSchema>;

/** The global spoken intents, in the order they win when one utterance holds several. */
export const INTENTS = ['emergency', 'person'] as const;
export type Intent = (typeof INTENTS)[number];
