import { z } from 'zod';

/**
 * An SMS to send. `key` names it for the outbox, which queues one SMS per key; a sender itself
 * sends what it is given, every time (Twilio has no idempotency key).
 */
export const SmsMessageSchema = z.object({
  key: z.string().min(1),
  to: z.string(),
  from: z.string(),
  body: z.string(),
  /** What the SMS is for ("otp", "ticket", a flow's `sms` kind); OTP texts are never persisted. */
  kind: z.string(),
});
export type SmsMessage = z.infer<typeof SmsMessageSchema>;

/** Sends SMS. Implementations: Twilio's REST API (messages.create), an in-memory recorder for simulations. */
export interface SmsSender {
  /** `signal`: give up (and cancel the request where the transport can) when it aborts. */
  send(message: SmsMessage, opts?: SendOptions): Promise<{ sid: string }>;
  /**
   * Looks for a message already accepted by the provider: to `to`, with this exact body, sent at
   * or after `since` (epoch ms). The outbox asks before sending again a message whose earlier
   * attempt may have reached the provider (a sender killed mid-request), since Twilio has no
   * idempotency key. Absent when the provider cannot tell.
   */
  findSent?(message: { to: string; from: string; body: string; since: number }): Promise<{ sid: string } | undefined>;
}
export type SendOptions = { signal?: AbortSignal };

/**
 * The provider refused this message for good (a bad number, a blocked sender): sending it again
 * would fail again, so the outbox gives up at once instead of retrying. Any other error is retried.
 */
export class SmsRejectedError extends Error {
  readonly code = 'SMS_REJECTED';
  constructor(
    message: string,
    /** The provider's own error code, e.g. Twilio 21211 "invalid To number". */
    readonly providerCode?: number | string,
  ) {
    super(message);
    this.name = 'SmsRejectedError';
  }
}

/**
 * Records every SMS instead of sending it; what `ivr call` and the tests read one-time codes from.
 * Like Twilio, it sends what it is given as often as it is given: two sends of one key are two
 * SMS, so a test sees a duplicate that a real phone would receive.
 */
export function recordingSmsSender(): SmsSender & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    sent,
    async send(message, opts) {
      opts?.signal?.throwIfAborted();
      sent.push(message);
      return { sid: `SM${String(sent.length - 1).padStart(32, '0')}` };
    },
  };
}

/** Why the SMS guard refused to text a number (nothing reached the provider, nothing was charged). */
export type SmsRefusalReason =
  /** The caller ID is withheld or one of the provider's anonymous placeholders. */
  | 'anonymous'
  /** Not a number at all, or one whose type cannot be told. */
  | 'invalid_number'
  /** A country the hotlines do not serve by SMS (SMS_ALLOWED_COUNTRIES). */
  | 'country_not_allowed'
  /** Premium-rate, shared-cost, toll-free, or an unknown type: what SMS-pumping fraud targets. */
  | 'number_type_not_allowed'
  /** This number had its share of this kind of SMS in the window. */
  | 'destination_cap'
  /** The whole deployment's per-hour ceiling is reached. */
  | 'global_cap'
  /** A one-time code was sent to this account or number too recently, or too often this hour. */
  | 'otp_throttled';

/**
 * The SMS was refused before it left, by policy (fraud and abuse guard). Unlike SmsRejectedError it
 * is decided here and costs nothing; the flow hears a failed effect (e.g. offer a person).
 */
export class SmsRefusedError extends Error {
  readonly code = 'SMS_REFUSED';
  constructor(
    readonly reason: SmsRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'SmsRefusedError';
  }
}
