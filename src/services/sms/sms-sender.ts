/** An SMS to send. `key` makes sending idempotent: the same key is sent once. */
export type SmsMessage = { key: string; to: string; from: string; body: string; kind: string };

/** Sends SMS. Implementations: Twilio's REST API (messages.create), an in-memory recorder for simulations. */
export interface SmsSender {
  send(message: SmsMessage): Promise<{ sid: string }>;
}

/** Records every SMS instead of sending it; what `ivr call` and the tests read one-time codes from. */
export function recordingSmsSender(): SmsSender & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    sent,
    async send(message) {
      const previous = sent.findIndex((m) => m.key === message.key);
      if (previous >= 0) return { sid: `SM${String(previous).padStart(32, '0')}` };
      sent.push(message);
      return { sid: `SM${String(sent.length - 1).padStart(32, '0')}` };
    },
  };
}
