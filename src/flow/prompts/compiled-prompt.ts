import type { Language } from '../schema/prompt.schema';

/**
 * A prompt with its catalogue keys resolved at compile time, so a compiled flow carries every word
 * it can say and its version hash changes when a catalogue entry does.
 */
export type CompiledPart =
  | { text: Partial<Record<Language, string>> }
  | { audio: Partial<Record<Language, string>> }
  /** Spoken in `lang` whatever the call's language. */
  | { fixed: Language; text: string };
export type CompiledPrompt = CompiledPart[];
/** Retry prompts: one entry per attempt, the last one repeating. */
export type CompiledRetryPrompts = CompiledPrompt[];
