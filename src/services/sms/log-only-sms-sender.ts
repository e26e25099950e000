import { randomUUID } from 'node:crypto';
import { maskPhone } from '../../hotlines';
import type { SmsSender } from './sms-sender';

/**
 * Development without a Twilio account: every SMS is "sent" by logging its kind and the masked
 * number, never its text (it may hold a one-time code). Production always has TWILIO_ACCOUNT_SID.
 */
export function logOnlySmsSender(log: (fields: Record<string, unknown>, msg: string) => void): SmsSender {
  return {
    async send({ key, to, kind }) {
      const sid = `SMlog${randomUUID().replace(/-/g, '')}`;
      log({ key, kind, to: maskPhone(to), sid }, 'SMS not sent (TWILIO_ACCOUNT_SID is not set)');
      return { sid };
    },
  };
}
