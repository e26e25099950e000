import { randomBytes } from 'node:crypto';
import type { EffectHandlers } from '../call/effect-handlers';
import { slaMinutesOf, ticketSmsText, type CallCentre } from '../call-centre/call-centre';
import type { Clock } from '../platform/clock';
import type { AccountDirectory } from './accounts/account-directory';
import { serviceEffectHandlers } from './effect-handlers';
import { createOtpService } from './identity/otp-service';
import type { OtpStore } from './identity/otp-store';
import { createOutboxSender, type OutboxLogger } from './sms/outbox-sender';
import { outboxedSmsSender } from './sms/outboxed-sms-sender';
import type { SmsOutbox } from './sms/sms-outbox';
import type { SmsCapStore } from './sms/sms-cap-store';
import { createSmsGuard, guardedSmsSender, type RefusalSink, type SmsGuard } from './sms/sms-guard';
import type { SmsPolicy } from './sms/sms-policy';
import type { SmsSender } from './sms/sms-sender';
import { createTicketDesk } from './tickets/ticket-desk';
import { createTicketService } from './tickets/ticket-service';
import type { TicketStore } from './tickets/ticket-store';
import { memoryCallbackStore, type CallbackStore } from './callbacks/callback-store';
import { callbackScheduler, centreCallbackPlans, type CallbackPlans } from './callbacks/callback-schedule';
import { createCallbackResults, type CallbackCounters } from './callbacks/callback-results';

/** Where the caller services keep their state: memory for simulations, SQLite behind the server. */
export type CallerStores = {
  accounts: AccountDirectory;
  otp: OtpStore;
  tickets: TicketStore;
  /** With an outbox, SMS other than one-time codes are queued and sent by `outboxSender.flush()`. */
  outbox?: SmsOutbox;
  /** Where the SMS guard counts its caps (needed with `smsPolicy`). */
  smsCaps?: SmsCapStore;
  /** The callback schedule (default: in memory): with `callbackPlans`, tickets that promise a call back get one. */
  callbacks?: CallbackStore;
};

/**
 * The caller services wired over any stores: the flow's effect handlers, the ticket desk staff
 * use, and, when there is an outbox, the sender loop a driver must `flush()` (the server on an interval).
 */
export function createCallerServices(deps: {
  stores: CallerStores;
  clock: Clock;
  /** What really sends (Twilio, or a recorder). */
  smsSender: SmsSender;
  smsFrom: (hotlineId: string) => string;
  links: Readonly<Record<string, string>>;
  logger?: OutboxLogger;
  /**
   * The SMS guard's policy: with it (and `stores.smsCaps`), every SMS of the effects and the ticket
   * desk is judged and counted before it is queued or sent, so the flow learns of a refusal at once.
   */
  smsPolicy?: SmsPolicy;
  onSmsRefused?: RefusalSink;
  /** The key one-time codes are hashed with (see otpSecretFor); default: random, for this process only. */
  otpSecret?: Buffer;
  /** Queues and ticket categories (their reply promises), read at start. */
  centre: CallCentre;
  /** Which ticket categories are called back and how; default: the centre's (see centreCallbackPlans). */
  callbackPlans?: CallbackPlans;
  /** The number each hotline calls customers back from; without it nobody is called back. */
  hotlineNumber?: (hotlineId: string) => string;
  callbackCounters?: CallbackCounters;
  /** Development only: wraps the SMS sender of the call effects (callSmsLog.tap), so a caller tool can show a call's SMS. */
  tapCallSms?: (sender: SmsSender) => SmsSender;
}) {
  const now = () => deps.clock.now();
  const { stores } = deps;
  const otp = createOtpService({ store: stores.otp, now, secret: deps.otpSecret ?? randomBytes(32) });
  const callbackStore = stores.callbacks ?? memoryCallbackStore();
  const plans = deps.callbackPlans ?? centreCallbackPlans(deps.centre);
  const schedule = deps.hotlineNumber ? callbackScheduler({ store: callbackStore, plans, hotlineNumber: deps.hotlineNumber }) : undefined;
  const tickets = createTicketService({ store: stores.tickets, now, slaMinutes: (category) => slaMinutesOf(deps.centre, category), ...(schedule ? { onOpened: schedule } : {}) });
  const unguarded = stores.outbox ? outboxedSmsSender({ outbox: stores.outbox, direct: deps.smsSender, clock: deps.clock }) : deps.smsSender;
  if (deps.smsPolicy && !stores.smsCaps) throw new Error('createCallerServices: an SMS policy needs stores.smsCaps to count its caps in');
  const guard: SmsGuard | undefined =
    deps.smsPolicy && stores.smsCaps ? createSmsGuard({ policy: deps.smsPolicy, caps: stores.smsCaps, clock: deps.clock, ...(deps.onSmsRefused ? { onRefused: deps.onSmsRefused } : {}) }) : undefined;
  const sms = guard ? guardedSmsSender(unguarded, guard) : unguarded;
  const outboxSender = stores.outbox ? createOutboxSender({ outbox: stores.outbox, sender: deps.smsSender, clock: deps.clock, logger: deps.logger }) : undefined;
  const handlers: EffectHandlers = serviceEffectHandlers({ accounts: stores.accounts, otp, tickets, sms: deps.tapCallSms ? deps.tapCallSms(sms) : sms, smsKeyed: stores.outbox !== undefined, smsFrom: deps.smsFrom, links: deps.links, ticketText: (category, lang) => ticketSmsText(deps.centre, category, lang) });
  const ticketDesk = createTicketDesk({ store: stores.tickets, sms, smsFrom: deps.smsFrom, clock: deps.clock });
  const callbackResults = createCallbackResults({
    store: callbackStore,
    tickets: stores.tickets,
    sms,
    smsKeyed: stores.outbox !== undefined,
    smsFrom: deps.smsFrom,
    clock: deps.clock,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.callbackCounters ? { counters: deps.callbackCounters } : {}),
  });
  return { handlers, otp, tickets, ticketDesk, sms, outboxSender, guard, callbackResults };
}
export type CallerServices = ReturnType<typeof createCallerServices>;
