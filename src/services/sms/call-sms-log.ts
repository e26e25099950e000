import { z } from 'zod';
import { maskPhone } from '../../hotlines';
import type { Clock } from '../../platform/clock';
import type { SmsSender } from './sms-sender';

/** One SMS a call's flow sent (or queued to send), as the developer's caller tool shows it. */
export const CallSmsSchema = z.object({
  seq: z.number().int().describe('Increases with every SMS logged: ask with ?after=<the last seq seen> for only the new ones.'),
  at: z.number().describe('When the flow sent it (or queued it to send), epoch ms.'),
  to: z.string().describe('The number texted, masked as in a transcript.'),
  kind: z.string().describe('otp, ticket, or the kind of a flow\'s sms node.'),
  body: z.string().describe('The text, one-time code included.'),
});
export type CallSms = z.infer<typeof CallSmsSchema>;

/**
 * DEVELOPMENT ONLY: the SMS each call's effects sent, kept in memory a while, so `ivr call --via`
 * can show a one-time code the way the in-process `ivr call` does. It holds codes in clear, which
 * production must never do: `createServices` builds it only outside production, and the route
 * reading it (routes/dev-sms.ts) exists only then.
 *
 * SMS are told apart by their effect key, `<CallSid>/<effect>` (machine-setup.ts): only the
 * senders given to a call's effect handlers are tapped, so nothing without a call (ticket desk,
 * call backs, surveys) is ever logged under a CallSid.
 */
export type CallSmsLog = {
  /** The sender, logging each SMS it accepted (the guard let it through, the outbox took it). */
  tap(sender: SmsSender): SmsSender;
  /** This call's SMS after `afterSeq`, oldest first. */
  of(callSid: string, afterSeq?: number): CallSms[];
};

/** An effect's key: `<CallSid>/<effect id>[/…]` (machine-setup.ts). */
const CALL_KEY = /^(CA[0-9A-Za-z]+)\//;

export function createCallSmsLog({ clock, keepMs = 60 * 60_000, max = 1000 }: { clock: Clock; keepMs?: number; max?: number }): CallSmsLog {
  let entries: Array<CallSms & { callSid: string }> = [];
  let seq = 0;
  const forget = () => {
    const oldest = clock.now() - keepMs;
    entries = entries.filter((e) => e.at >= oldest).slice(-max);
  };
  return {
    tap(sender) {
      return {
        ...(sender.findSent ? { findSent: sender.findSent.bind(sender) } : {}),
        async send(message, opts) {
          const sent = await sender.send(message, opts);
          // A key that does not start with a CallSid is not a call's SMS: never logged, never shown.
          const callSid = CALL_KEY.exec(message.key)?.[1];
          if (callSid !== undefined) {
            entries.push({ callSid, seq: ++seq, at: clock.now(), to: maskPhone(message.to), kind: message.kind, body: message.body });
            forget();
          }
          return sent;
        },
      };
    },
    of(callSid, afterSeq = 0) {
      forget();
      return entries.filter((e) => e.callSid === callSid && e.seq > afterSeq).map(({ callSid: _callSid, ...sms }) => sms);
    },
  };
}
