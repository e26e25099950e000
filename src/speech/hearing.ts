import type { Intent } from './lexicon.schema';

/**
 * What a waiting state listens for when the caller speaks, per language (compiled from the flow
 * into the state's meta, so the version hash covers it).
 *  - `choice`: a menu; each option's key with its phrases in this language.
 *  - `digits`: a number entry; number words become digits.
 * `intents`: the global intents this state answers (a person, the emergency path).
 */
export type Listen =
  | { mode: 'choice'; options: { key: string; phrases: string[] }[]; intents: Intent[] }
  | { mode: 'digits'; intents: Intent[] };

/** A choice is a menu key ("1") or a global intent ("person", "emergency"). */
export type Choice = string;

/**
 * What an utterance meant at a waiting state. `confirming`: the state asked "did you mean…?", so
 * yes and no are understood first.
 */
export type Heard =
  | { kind: 'choice'; choice: Choice }
  /** One candidate below the confidence threshold, or two options matched: ask, do not guess. */
  | { kind: 'unsure'; choices: Choice[] }
  | { kind: 'digits'; digits: string }
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'noMatch' };
