import type { Clock } from '../../platform/clock';
import type { SmsOutbox } from './sms-outbox';
import type { SmsMessage, SmsSender } from './sms-sender';

/** One-time codes go straight out: they are secret (never stored in clear) and useless minutes later. */
export const sendOtpDirectly = (m: SmsMessage): boolean => m.kind === 'otp';

/**
 * The SmsSender the call effects use when there is an outbox: every SMS is queued (durable,
 * retried, sent once per key) and answered with the queued entry's sid or `outbox:<id>`, except
 * those `sendDirectly` picks, which go to `direct` at once.
 */
export function outboxedSmsSender({
  outbox,
  direct,
  clock,
  sendDirectly = sendOtpDirectly,
}: {
  outbox: SmsOutbox;
  direct: SmsSender;
  clock: Clock;
  sendDirectly?: (message: SmsMessage) => boolean;
}): SmsSender {
  return {
    async send(message, opts) {
      if (sendDirectly(message)) return direct.send(message, opts);
      const entry = await outbox.enqueue(message, clock.now());
      return { sid: entry.sid ?? `outbox:${entry.id}` };
    },
  };
}
