import type { Language } from '../../flow/schema/prompt.schema';
import type { CallbackJob } from '../../services/callbacks/callback-job';
import { answeredByMachine } from '../../services/callbacks/callback-rules';
import { CALLBACK_TEXTS } from '../../services/callbacks/callback-texts';
import type { Reply } from '../../telephony/reply';

export type CallbackReplyContext = {
  lang: Language;
  /** The hotline's name in the customer's language. */
  lineName: string;
  /** The ticket's category as the customer hears it. */
  categoryName: string;
  /** Where the customer waits for an agent, and what follows their leaving the queue. */
  waitUrl: string;
  leftUrl: string;
};

/**
 * What a customer we call back hears when they pick up (pure): who calls about which ticket, then
 * the agents' queue of the job; a voicemail (AnsweredBy machine_*, fax) gets a short message and
 * the call ends.
 */
export function callbackAnswerReply(job: Pick<CallbackJob, 'ticketId' | 'queue'>, answeredBy: string | undefined, c: CallbackReplyContext): Reply {
  if (answeredByMachine(answeredBy)) return { prompts: [{ lang: c.lang, text: CALLBACK_TEXTS.voicemail(c.lang, c.lineName, job.ticketId) }], next: { kind: 'hangup' } };
  return {
    prompts: [{ lang: c.lang, text: CALLBACK_TEXTS.announce(c.lang, c.lineName, job.ticketId, c.categoryName) }],
    next: { kind: 'enqueue', queue: job.queue, waitUrl: c.waitUrl, action: c.leftUrl },
  };
}
