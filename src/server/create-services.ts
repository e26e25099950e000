import type { EffectHandlers } from '../call/effect-handlers';
import type { Config } from '../config/config';
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

/**
 * The caller services behind the server's effects, built from the config in ONE place. For now:
 * in-memory tickets and codes and an SMS recorder (nothing is texted). Switching to SQLite stores
 * and Twilio SMS is a change to this function only.
 */
export function createServices(config: Pick<Config, 'accountsFile' | 'links'>, deps: { project: Project; clock: Clock }) {
  const sms = recordingSmsSender();
  const tickets = memoryTicketStore();
  const otpStore = memoryOtpStore();
  const accounts = memoryAccountDirectory(readAccountsFile(config.accountsFile));
  const now = () => deps.clock.now();
  const handlers: EffectHandlers = serviceEffectHandlers({
    accounts,
    otp: createOtpService({ store: otpStore, now }),
    tickets: createTicketService({ store: tickets, now }),
    sms,
    smsFrom: (id) => deps.project.hotlines.find((h) => h.id === id)?.sms.from ?? deps.project.hotlines[0].sms.from,
    links: config.links,
  });
  return { handlers, sms, tickets, otpStore };
}
export type Services = ReturnType<typeof createServices>;
