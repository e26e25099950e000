import { z } from 'zod';
import { LanguageSchema } from '../../flow/schema/prompt.schema';

/**
 * The satisfaction survey of one call: the SMS asking for a 1–5 rating, queued when the call was
 * closed, and what the caller answered. One per call, keyed by CallSid. Times are epoch ms.
 */
export const SurveySchema = z.object({
  callSid: z.string(),
  /** The caller's number in E.164: where the SMS went and where answers come from. */
  phone: z.string(),
  hotline: z.string(),
  /** The call's language: the SMS and the thanks for an answer are in it. */
  lang: LanguageSchema,
  /** The outbox key of the survey SMS (its delivery is read from the outbox). */
  smsKey: z.string(),
  createdAt: z.number(),
  rating: z.number().int().min(1).max(5).optional(),
  ratedAt: z.number().optional(),
  /** Everything else the caller texted back, one reply per line. */
  comment: z.string().optional(),
  commentedAt: z.number().optional(),
  /** When the caller was thanked for an answer: a survey gets one thanks, however many replies. */
  thankedAt: z.number().optional(),
});
export type Survey = z.infer<typeof SurveySchema>;
