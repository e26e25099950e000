import twilio from 'twilio';
import { withAbortSignal } from './abort-scope';
import { SmsRejectedError, type SmsSender } from '../../services/sms/sms-sender';

/** The slice of the Twilio client this sender uses, so tests can hand in a stub. */
export type TwilioMessagesClient = {
  messages: {
    create(params: { to: string; from: string; body: string; statusCallback?: string }): Promise<{ sid: string }>;
    list(params: { to: string; dateSentAfter: Date; pageSize?: number; limit?: number }): Promise<{ sid: string; from: string; body: string }[]>;
  };
};

/** How many of a number's recent messages a look-up reads before it concludes a message was not sent. */
const LOOKUP_LIMIT = 200;

/**
 * Sends SMS with Twilio's Messages API. A 400 answer (this message is bad: an invalid or
 * unreachable number, a sender not allowed for it) becomes SmsRejectedError, which the outbox does
 * not retry. Anything else (401/403 from wrong credentials, 429, 5xx, network errors) is thrown as
 * it is and retried, since fixing the configuration or waiting may cure it.
 */
export function twilioSmsSender({ client, statusCallback }: { client: TwilioMessagesClient; statusCallback?: string }): SmsSender {
  return {
    // Twilio filters on To and DateSent (>=); the body and sender are matched here. The list pages
    // through Twilio's answers up to LOOKUP_LIMIT messages to that number since then.
    async findSent({ to, from, body, since }) {
      const messages = await client.messages.list({ to, dateSentAfter: new Date(since), pageSize: 50, limit: LOOKUP_LIMIT });
      const found = messages.find((m) => m.body === body && m.from === from);
      return found ? { sid: found.sid } : undefined;
    },
    async send({ to, from, body }, opts) {
      try {
        const message = await withAbortSignal(opts?.signal, () => client.messages.create({ to, from, body, ...(statusCallback ? { statusCallback } : {}) }));
        return { sid: message.sid };
      } catch (err) {
        if (err instanceof twilio.RestException && err.status === 400) {
          throw new SmsRejectedError(`Twilio refused the SMS (HTTP ${err.status}, code ${err.code ?? 'none'}): ${err.message}`, err.code);
        }
        throw err;
      }
    },
  };
}
