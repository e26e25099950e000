import { z } from 'zod';
import { InlineTextSchema } from './prompt.schema';

/**
 * How a caller may answer a menu or an entry: keys (DTMF), speech, or both. Speech is offered on
 * top of the keys, never instead of them: a caller on a noisy line can always press.
 */
export const InputModeSchema = z
  .array(z.enum(['dtmf', 'speech']))
  .min(1)
  .refine((modes) => modes.includes('dtmf'), 'keys always work: list "dtmf" (e.g. [dtmf, speech])')
  .describe('What the caller may answer with: [dtmf] (keys only) or [dtmf, speech] (keys or spoken words).');
export type InputMode = z.infer<typeof InputModeSchema>;

export const listensToSpeech = (modes: InputMode | undefined): boolean => modes?.includes('speech') ?? false;

/** Phrases per language that choose a menu option when the caller says them. */
export const SpokenPhrasesSchema = z
  .object({
    'zh-CN': z.array(z.string().trim().min(1)).min(1).optional(),
    'en-US': z.array(z.string().trim().min(1)).min(1).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'give the phrases in at least one language')
  .describe('Keywords and synonyms per language; saying any of them (anywhere in the sentence) chooses the option.');
export type SpokenPhrases = z.infer<typeof SpokenPhrasesSchema>;

/** What a confirmation calls an option ("您要办理的是{option}吗？"); default: its first phrase. */
export const OptionLabelSchema = InlineTextSchema.describe(
  'What the engine calls this option when it asks "did you mean…?", per language (default: its first phrase).',
);
