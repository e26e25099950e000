import { z } from 'zod';

/**
 * What a caller hears. A prompt is a key into the per-language catalogue (`main_menu`),
 * inline text per language, an audio file, or a sequence of those played in order.
 * Text may hold placeholders: `{ticketId:digits}` reads a variable digit by digit,
 * `{opens:time}` reads "08:00" as a time, `{slaMinutes:duration}` as "48 hours",
 * `{hours:commerce}` the service hours of a hotline.
 */
export const LanguageSchema = z.enum(['zh-CN', 'en-US']).describe('A language a prompt can be spoken in.');
export type Language = z.infer<typeof LanguageSchema>;
export const LANGUAGES = LanguageSchema.options;

export const PromptKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.]*$/, 'a prompt key is lower-case letters, digits, "_" and "." (e.g. "main_menu")')
  .describe('A key into the prompt catalogue (flows/prompts/<language>.yaml).');

export const InlineTextSchema = z
  .object({ 'zh-CN': z.string().min(1).optional(), 'en-US': z.string().min(1).optional() })
  .strict()
  .refine((t) => Object.keys(t).length > 0, 'give the text in at least one language')
  .describe('Text per language, spoken by text-to-speech.');

export const AudioSchema = z
  .object({
    audio: z.union([z.url(), z.object({ 'zh-CN': z.url().optional(), 'en-US': z.url().optional() }).strict()]),
  })
  .strict()
  .describe('A recorded audio file (one URL, or one per language), played with <Play>.');

export const FixedLanguageTextSchema = z
  .object({ lang: LanguageSchema, text: z.string().min(1) })
  .strict()
  .describe('Text always spoken in one language, whatever the call\'s language (e.g. "中文服务请按2" on an English menu).');

export const PromptPartSchema = z.union([PromptKeySchema, AudioSchema, FixedLanguageTextSchema, InlineTextSchema]);
export const PromptSchema = z
  .union([PromptPartSchema, z.array(PromptPartSchema).min(1)])
  .describe('A catalogue key, inline text per language, an audio file, or a list of those played in order.');
export type Prompt = z.infer<typeof PromptSchema>;
export type PromptPart = z.infer<typeof PromptPartSchema>;

/**
 * Prompts for successive retries, so the second failure can be worded differently from the first:
 * one prompt for every attempt, or a list with one entry per attempt (the last one repeats).
 */
export const RetryPromptsSchema = z
  .union([PromptPartSchema, z.array(z.union([PromptPartSchema, z.array(PromptPartSchema).min(1)])).min(1)])
  .describe('One prompt for every retry, or a list: the first retry, the second, … (the last repeats).');
export type RetryPrompts = z.infer<typeof RetryPromptsSchema>;

/** A prompt catalogue file: key → text in that file's language. */
export const CatalogueFileSchema = z.record(PromptKeySchema, z.string().min(1));
export type InlineText = z.infer<typeof InlineTextSchema>;
