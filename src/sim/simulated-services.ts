import type { EffectHandlers } from '../call/effect-handlers';
import type { Project } from '../flow/load/load-project';
import type { Clock } from '../platform/clock';
import { memoryAccountDirectory } from '../services/accounts/account-directory';
import { readAccountsFile } from '../services/accounts/read-accounts-file';
import { serviceEffectHandlers } from '../services/effect-handlers';
import { memoryOtpStore } from '../services/identity/otp-store';
import { createOtpService } from '../services/identity/otp-service';
import { recordingSmsSender } from '../services/sms/sms-sender';
import { memoryTicketStore } from '../services/tickets/ticket-store';
import { createTicketService } from '../services/tickets/ticket-service';

export const DEMO_ACCOUNTS_FILE = 'data/accounts.demo.yaml';
export const DEMO_LINKS = {
  face_verify: 'https://kefu.example.com/face-verify',
  reset_link: 'https://kefu.example.com/reset',
  online_service: 'https://kefu.example.com/chat',
  info: 'https://kefu.example.com/merchant',
};

/** The real caller services over in-memory stores, with every SMS recorded instead of sent. */
export function simulatedServices(deps: { project: Project; clock: Clock; accountsFile?: string }) {
  const sms = recordingSmsSender();
  const tickets = memoryTicketStore();
  const otpStore = memoryOtpStore();
  const accounts = memoryAccountDirectory(readAccountsFile(deps.accountsFile ?? DEMO_ACCOUNTS_FILE));
  const now = () => deps.clock.now();
  const handlers: EffectHandlers = serviceEffectHandlers({
    accounts,
    otp: createOtpService({ store: otpStore, now }),
    tickets: createTicketService({ store: tickets, now }),
    sms,
    smsFrom: (id) => deps.project.hotlines.find((h) => h.id === id)?.sms.from ?? '+10000000000',
    links: DEMO_LINKS,
  });
  return {
    handlers,
    sms,
    tickets,
    otpStore,
    /** The last one-time code texted to a phone, read from the SMS as the caller would. */
    lastCodeSentTo(phone: string): string | undefined {
      const msg = [...sms.sent].reverse().find((m) => m.to === phone && m.kind === 'otp');
      return msg?.body.match(/\d{6}/)?.[0];
    },
  };
}
export type SimulatedServices = ReturnType<typeof simulatedServices>;
