import { maskPhone, tryNormalizeNumber } from '../hotlines';
import type { EffectHandlers } from '../call/effect-handlers';
import type { Language } from '../flow/schema/prompt.schema';
import type { Effect } from '../flow/runtime/turn';
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
  /** The SMS sender number of each hotline. */
  smsFrom: (hotlineId: string) => string;
  /** Links filled into `{link}` of an SMS by its kind (face verification, password reset, online service). */
  links: Readonly<Record<string, string>>;
};

function accountView(a: AccountRecord) {
  return { id: a.id, tier: a.tier, status: a.status, maskedPhone: maskPhone(a.phone) };
}

/** The flow's effects performed by the caller services. */
export function serviceEffectHandlers(deps: ServiceDeps): EffectHandlers {
  const lang = (e: Effect) => e.call.lang as Language;
  const account = async (id: unknown) => {
    const found = typeof id === 'string' ? await deps.accounts.findById(id) : undefined;
    if (!found) throw new Error(`no account ${String(id)}`);
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
      if (e.args.by === 'enterpriseId') {
        const enterpriseId = String(e.args.enterpriseId ?? '');
        found = enterpriseId ? await deps.accounts.findByEnterpriseId(enterpriseId) : undefined;
      } else {
        const phone = tryNormalizeNumber(String(e.args.phone ?? ''));
        found = phone ? await deps.accounts.findByPhone(phone) : undefined;
      }
      if (!found) return { found: false };
      if (!(await deps.otp.allowLookup(e.call.from, found.id))) return { found: false, reason: 'rate_limited' };
      return { found: true, account: accountView(found) };
    },
    async sendOtp(e) {
      const a = await account(e.args.accountId);
      const issued = await deps.otp.issue(a.id);
      if (issued.status === 'locked') return { status: 'locked' };
      await deps.sms.send({ key: e.key, to: a.phone, from: deps.smsFrom(e.call.hotline), body: SMS_TEXTS.otp(lang(e), issued.code), kind: 'otp' });
      return { status: 'sent' };
    },
    async verifyOtp(e) {
      const result = await deps.otp.verify((await account(e.args.accountId)).id, String(e.args.code ?? ''));
      return { status: result.status === 'none' ? 'expired' : result.status };
    },
    async createTicket(e) {
      const vars = (e.args.vars ?? {}) as Record<string, string>;
      const ticket = await deps.tickets.create({
        key: e.key,
        hotline: e.call.hotline,
        category: e.args.category as never,
        priority: e.args.priority as never,
        callSid: e.call.sid,
        callerPhone: e.call.from,
        ...(e.call.accountId ? { accountId: e.call.accountId } : {}),
        ...(vars.recordingUrl ? { recordingUrl: vars.recordingUrl } : {}),
        lang: lang(e),
        summary: String(e.args.summary ?? ''),
        path: e.call.path,
        vars,
      });
      const created = { ticketId: ticket.id, slaMinutes: ticket.slaMinutes, dueAt: new Date(ticket.dueAt).toISOString() };
      if (e.args.notify) {
        try {
          await deps.sms.send({
            key: `${e.key}/ticket`,
            to: e.call.from,
            from: deps.smsFrom(e.call.hotline),
            body: SMS_TEXTS.ticket(lang(e), ticket.id, ticket.slaMinutes),
            kind: 'ticket',
          });
        } catch (err) {
          // The ticket stands either way; the result says the caller was not texted, and why.
          if (err instanceof SmsRefusedError) return { ...created, texted: false, smsRefused: err.reason };
          throw err;
        }
        return { ...created, texted: true };
      }
      return created;
    },
    async sendSms(e) {
      const to = e.args.to === 'account' && e.call.accountId ? (await account(e.call.accountId)).phone : e.call.from;
      const kind = String(e.args.kind);
      const link = (deps.links[kind] ?? '').replace('{accountId}', encodeURIComponent(e.call.accountId ?? ''));
      const body = String(e.args.text ?? '').replace('{link}', link);
      const { sid } = await deps.sms.send({ key: e.key, to, from: deps.smsFrom(e.call.hotline), body, kind });
      return { sid };
    },
  };
}
