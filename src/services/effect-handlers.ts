import { maskPhone, tryNormalizeNumber } from '../hotlines';
import type { EffectHandlers } from '../call/effect-handlers';
import type { Language } from '../flow/schema/prompt.schema';
import type { Effect, EffectValue } from '../flow/runtime/effect';
import type { AccountDirectory } from './accounts/account-directory';
import type { AccountRecord } from './accounts/account.schema';
import type { OtpService } from './identity/otp-service';
import { isAnonymousCaller } from './sms/sms-policy';
import { SmsRefusedError, type SmsSender } from './sms/sms-sender';
import { SMS_TEXTS } from './sms/sms-texts';
import type { TicketService } from './tickets/ticket-service';

export type ServiceDeps = {
  accounts: AccountDirectory;
  otp: OtpService;
  tickets: TicketService;
  sms: SmsSender;
  /** `sms` queues one SMS per key (the outbox), so asking it twice for one key is harmless. */
  smsKeyed?: boolean;
  /** The SMS sender number of each hotline. */
  smsFrom: (hotlineId: string) => string;
  /** Links filled into `{link}` of an SMS by its kind (face verification, password reset, online service). */
  links: Readonly<Record<string, string>>;
  /** A category's own ticket SMS and name in a language (ticket-categories.yaml), when it has one. */
  ticketText?: (category: string, lang: Language) => { text: string; category: string } | undefined;
};

function accountView(a: AccountRecord) {
  return { id: a.id, tier: a.tier, status: a.status, maskedPhone: maskPhone(a.phone) };
}

/** The flow's effects performed by the caller services. */
export function serviceEffectHandlers(deps: ServiceDeps): EffectHandlers {
  const lang = (e: Effect): Language => e.call.lang;
  const account = async (id: string | undefined) => {
    const found = id === undefined ? undefined : await deps.accounts.findById(id);
    if (!found) throw new Error(id === undefined ? 'no account to verify: the flow asked before it looked one up' : `no account ${id}`);
    return found;
  };
  return {
    async lookupAccount(e) {
      if (e.args.by === 'callerId') {
        // A withheld caller ID suggests no account: Twilio's placeholders are shared by every such caller.
        if (isAnonymousCaller(e.call.from)) return { found: false };
        const found = await deps.accounts.findByPhone(e.call.from);
        return found ? { found: true, account: accountView(found) } : { found: false };
      }
      let found: AccountRecord | undefined;
      let keyed: string;
      if (e.args.by === 'enterpriseId') {
        const { enterpriseId } = e.args;
        keyed = `enterprise:${enterpriseId}`;
        found = enterpriseId ? await deps.accounts.findByEnterpriseId(enterpriseId) : undefined;
      } else {
        const entered = e.args.phone;
        const phone = tryNormalizeNumber(entered);
        keyed = `phone:${phone ?? entered}`;
        found = phone ? await deps.accounts.findByPhone(phone) : undefined;
      }
      // Counted whether found or not: otherwise "not found" would tell anybody, without limit,
      // which numbers and enterprise ids have an account.
      if (!(await deps.otp.allowLookup(e.call.from, found ? { accountId: found.id } : { unknown: keyed }))) return { found: false, reason: 'rate_limited' };
      if (!found) return { found: false };
      return { found: true, account: accountView(found) };
    },
    async sendOtp(e, signal) {
      const a = await account(e.args.accountId);
      const request = { accountId: a.id, key: e.key, caller: e.call.from, destination: a.phone };
      const issued = await deps.otp.issue(request);
      if (issued.status !== 'sent') return { status: issued.status };
      // No code: another delivery of this turn sends it (or sent it), or one went out less than a
      // minute ago and is still live. Either way the caller is asked for that code.
      if (issued.code === undefined) return { status: 'sent' };
      // The code is committed before it is sent. If this process dies in between, the code is
      // never sent and a repeat of the turn still answers "sent" (it cannot send a code it does
      // not know): the caller hears no SMS arrive and gets a person or a new code after expiry.
      // That is at most once, by choice: at least once would mean keeping codes in clear.
      try {
        await deps.sms.send({ key: e.key, to: a.phone, from: deps.smsFrom(e.call.hotline), body: SMS_TEXTS.otp(lang(e), issued.code), kind: 'otp' }, signal ? { signal } : undefined);
      } catch (err) {
        const refused = err instanceof SmsRefusedError;
        // Not sent (or, after an abort, maybe sent: Twilio may have had the request already): the
        // code is withdrawn so nobody is asked for it; it still counts towards the throttle.
        await deps.otp.withdraw(request, { status: refused ? 'refused' : 'failed' });
        if (refused) return { status: 'refused', reason: err.reason };
        throw err;
      }
      return { status: 'sent' };
    },
    async verifyOtp(e) {
      const a = await account(e.args.accountId);
      const result = await deps.otp.verify({ accountId: a.id, key: e.key, caller: e.call.from }, e.args.code);
      return { status: result.status === 'none' ? 'expired' : result.status };
    },
    async createTicket(e, signal) {
      const { vars } = e.args;
      const { ticket, created } = await deps.tickets.open({
        key: e.key,
        hotline: e.call.hotline,
        category: e.args.category,
        priority: e.args.priority,
        callSid: e.call.sid,
        callerPhone: e.call.from,
        ...(e.call.accountId ? { accountId: e.call.accountId } : {}),
        ...(vars.recordingUrl ? { recordingUrl: vars.recordingUrl } : {}),
        lang: lang(e),
        summary: e.args.summary,
        path: e.call.path,
        vars,
      });
      // `existing`: this delivery made no ticket (a repeat of the turn, or the caller's ticket from an earlier call).
      const result: EffectValue<'createTicket'> = { ticketId: ticket.id, slaMinutes: ticket.slaMinutes, dueAt: new Date(ticket.dueAt).toISOString(), ...(created ? {} : { existing: true }) };
      // A repeat of this turn finds the ticket made. Through the outbox it asks again (one SMS per
      // key, and a first attempt that failed to queue is made good); straight to a sender, which
      // sends every time it is asked, only the ticket's creator texts.
      if (e.args.notify && (created || deps.smsKeyed)) {
        try {
          await deps.sms.send({
            key: `${e.key}/ticket`,
            to: e.call.from,
            from: deps.smsFrom(e.call.hotline),
            body: SMS_TEXTS.ticket(lang(e), ticket.id, ticket.slaMinutes, deps.ticketText?.(ticket.category, lang(e))),
            kind: 'ticket',
          }, signal ? { signal } : undefined);
        } catch (err) {
          // The ticket stands either way; the result says the caller was not texted, and why.
          if (err instanceof SmsRefusedError) return { ...result, texted: false, smsRefused: err.reason };
          throw err;
        }
        return { ...result, texted: true };
      }
      return result;
    },
    async sendSms(e, signal) {
      const to = e.args.to === 'account' && e.call.accountId ? (await account(e.call.accountId)).phone : e.call.from;
      const { kind } = e.args;
      const link = (deps.links[kind] ?? '').replace('{accountId}', encodeURIComponent(e.call.accountId ?? ''));
      const body = e.args.text.replace('{link}', link);
      const { sid } = await deps.sms.send({ key: e.key, to, from: deps.smsFrom(e.call.hotline), body, kind }, signal ? { signal } : undefined);
      return { sid };
    },
  };
}
