import { z } from 'zod';

/** What a reviewer sends (PATCH /api/qa/:callSid): a 1–5 score, a note, who reviewed. */
export const QaReviewInputSchema = z
  .object({
    score: z.number({ error: 'score must be a whole number from 1 to 5' }).int('score must be a whole number from 1 to 5').min(1, 'score is at least 1').max(5, 'score is at most 5'),
    note: z.string({ error: 'note must be text (may be empty)' }).max(2000, 'note is at most 2000 characters'),
    reviewer: z.string({ error: 'reviewer must name who reviewed' }).trim().min(1, 'reviewer must name who reviewed').max(100, 'reviewer is at most 100 characters'),
  })
  .strict();
export type QaReviewInput = z.infer<typeof QaReviewInputSchema>;

export const QaReviewSchema = QaReviewInputSchema.extend({ reviewedAt: z.number() });
export type QaReview = z.infer<typeof QaReviewSchema>;

/**
 * A call marked for quality review: which call, on which line, whose recorded leg put it in the
 * sample, when; `review` is null until a reviewer scores it (a later PATCH replaces it).
 */
export const QaEntrySchema = z.object({
  callSid: z.string(),
  hotline: z.string(),
  agent: z.string(),
  markedAt: z.number(),
  review: QaReviewSchema.nullable(),
});
export type QaEntry = z.infer<typeof QaEntrySchema>;
