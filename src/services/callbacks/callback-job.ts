import { z } from 'zod';

import { CallbackPolicySchema } from '../../call-centre/ticket-category.schema';

/** How often and how long a callback is tried (the centre's `callbacks` defaults, or a category's own), kept on the job. */
export { CallbackPolicySchema, type CallbackPolicy } from '../../call-centre/ticket-category.schema';

/** What one placed call came to, from Twilio's final status callback (and AnsweredBy). */
export const CallbackOutcomeSchema = z.enum(['answered', 'busy', 'no-answer', 'failed', 'voicemail']);
export type CallbackOutcome = z.infer<typeof CallbackOutcomeSchema>;

/**
 * pending: due at `nextAttemptAt` (held by a dialler while `claimedUntil` lasts);
 * placed: Twilio took the call (`callSid`), its result is awaited from the status callback;
 * answered: a person picked up and was put through; exhausted: `maxAttempts` calls went unanswered;
 * cancelled: the ticket was resolved before the call was placed (staff reached the customer).
 */
export const CallbackStatusSchema = z.enum(['pending', 'placed', 'answered', 'exhausted', 'cancelled']);
export type CallbackStatus = z.infer<typeof CallbackStatusSchema>;

export const CallbackAttemptSchema = z.object({
  attempt: z.number().int().min(1),
  callSid: z.string(),
  outcome: CallbackOutcomeSchema,
  at: z.number(),
});
export type CallbackAttempt = z.infer<typeof CallbackAttemptSchema>;

/** A ticket's promised call back and how it is going. Times are epoch ms. One per ticket. */
export const CallbackJobSchema = z.object({
  ticketId: z.string(),
  /** The customer's number (E.164). */
  to: z.string(),
  /** The hotline's number the customer knows (E.164): the caller ID of the call back. */
  from: z.string(),
  hotline: z.string(),
  lang: z.string(),
  category: z.string(),
  /** The agents' queue the customer is put in when they answer. */
  queue: z.string(),
  createdAt: z.number(),
  /** The promise: the first call placed by then ("within 15 minutes" for emergencies). */
  promisedBy: z.number(),
  policy: CallbackPolicySchema,
  status: CallbackStatusSchema,
  /** Calls placed so far (Twilio accepted them). */
  attempts: z.number().int(),
  nextAttemptAt: z.number(),
  claimedUntil: z.number(),
  claimedBy: z.string().optional(),
  /**
   * Set when a dialler starts an attempt, before it asks Twilio; cleared when the attempt is
   * recorded. Found still set by a later dialler, the earlier one may have placed the call and died:
   * it is looked up at Twilio before a call is placed again.
   */
  dialStartedAt: z.number().optional(),
  /** The call of the latest attempt placed. */
  callSid: z.string().optional(),
  firstPlacedAt: z.number().optional(),
  /** When the latest attempt's call was placed: a result long overdue is asked of Twilio. */
  placedAt: z.number().optional(),
  results: z.array(CallbackAttemptSchema),
  lastError: z.string().optional(),
});
export type CallbackJob = z.infer<typeof CallbackJobSchema>;
