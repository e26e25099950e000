import type { Project } from '../flow/load/load-project';
import type { Clock } from '../platform/clock';
import { memoryAccountDirectory } from '../services/accounts/account-directory';
import { readAccountsFile } from '../services/accounts/read-accounts-file';
import { createCallerServices, type CallerStores } from '../services/caller-services';
import { memoryOtpStore } from '../services/identity/otp-store';
import { recordingSmsSender } from '../services/sms/sms-sender';
import { memoryTicketStore } from '../services/tickets/ticket-store';
import { memoryCallbackStore } from '../services/callbacks/callback-store';
import { tryNormalizeNumber } from '../hotlines';

export const DEMO_ACCOUNTS_FILE = 'data/accounts.demo.yaml';
export const DEMO_LINKS = {
  face_verify: 'https://kefu.example.com/face-verify',
  reset_link: 'https://kefu.example.com/reset',
  online_service: 'https://kefu.example.com/chat',
  info: 'https://kefu.example.com/merchant',
};

/**
 * The real caller services over in-memory stores (or the `stores` given, e.g. SQLite), with every
 * SMS recorded instead of sent. With an outbox among the stores, queued SMS reach `sms.sent` only
 * when `outboxSender.flush()` runs.
 */
export function simulatedServices(deps: { project: Project; clock: Clock; accountsFile?: string; stores?: Partial<CallerStores> }) {
  const sms = recordingSmsSender();
  const tickets = deps.stores?.tickets ?? memoryTicketStore();
  const otpStore = deps.stores?.otp ?? memoryOtpStore();
  const accounts = deps.stores?.accounts ?? memoryAccountDirectory(readAccountsFile(deps.accountsFile ?? DEMO_ACCOUNTS_FILE));
  const callbacks = deps.stores?.callbacks ?? memoryCallbackStore();
  const { handlers, outboxSender, callbackResults } = createCallerServices({
    stores: { accounts, otp: otpStore, tickets, outbox: deps.stores?.outbox, callbacks },
    hotlineNumber: (id) => {
      const raw = (deps.project.hotlines.find((h) => h.id === id) ?? deps.project.hotlines[0]).numbers[0];
      return tryNormalizeNumber(raw) ?? raw;
    },
    clock: deps.clock,
    smsSender: sms,
    smsFrom: (id) => deps.project.hotlines.find((h) => h.id === id)?.sms.from ?? '+10000000000',
    links: DEMO_LINKS,
    centre: deps.project.centre,
  });
  return {
    handlers,
    sms,
    outboxSender,
    tickets,
    otpStore,
    /** Call backs the tickets promised, and where their results are recorded (see simulated-callbacks.ts). */
    callbacks,
    callbackResults,
    /** The last one-time code texted to a phone, read from the SMS as the caller would. */
    lastCodeSentTo(phone: string): string | undefined {
      const msg = [...sms.sent].reverse().find((m) => m.to === phone && m.kind === 'otp');
      return msg?.body.match(/\d{6}/)?.[0];
    },
  };
}
export type SimulatedServices = ReturnType<typeof simulatedServices>;
