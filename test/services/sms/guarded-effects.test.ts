import { SimulatedClock } from '../../../src/platform/clock';
import { createCallerServices } from '../../../src/services/caller-services';
import { memoryAccountDirectory } from '../../../src/services/accounts/account-directory';
import { memoryOtpStore } from '../../../src/services/identity/otp-store';
import { memorySmsCapStore } from '../../../src/services/sms/sms-cap-store';
import { DEFAULT_CAPS } from '../../../src/services/sms/sms-policy';
import { recordingSmsSender, SmsRefusedError, type SmsMessage } from '../../../src/services/sms/sms-sender';
import { memoryTicketStore } from '../../../src/services/tickets/ticket-store';
import { CONTRACT_ACCOUNTS } from '../contracts/account-directory.contract';
import { anEffect } from '../effects';
import { shippedCentre } from '../../helpers/call-centre';

const PREMIUM_UK = '+449090123456';

describe('the caller services behind the SMS guard', () => {
  function services() {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 2, 0));
    const sms = recordingSmsSender();
    const tickets = memoryTicketStore();
    const refused: [SmsMessage, SmsRefusedError][] = [];
    const accounts = [
      ...CONTRACT_ACCOUNTS,
      { id: 'U10066', phone: '+266696687', name: 'Registered with the anonymous placeholder', tier: 'standard' as const, status: 'active' as const },
      { id: 'U10090', phone: PREMIUM_UK, name: 'Registered with a premium-rate number', tier: 'standard' as const, status: 'active' as const },
    ];
    const s = createCallerServices({ centre: shippedCentre(),
      stores: { accounts: memoryAccountDirectory(accounts), otp: memoryOtpStore(), tickets, smsCaps: memorySmsCapStore() },
      clock,
      smsSender: sms,
      smsFrom: () => '+8610690000001',
      links: { reset_link: 'https://id.example.com/reset' },
      smsPolicy: { allowedCountries: ['CN', 'GB'], caps: DEFAULT_CAPS, globalPerHour: 1000 },
      onSmsRefused: (m, r) => refused.push([m, r]),
    });
    return { ...s, sms, tickets, refused, clock };
  }

  it('opens the ticket of a premium-rate caller but does not text it, and says so in the result', async () => {
    const s = services();
    const result = await s.handlers.createTicket(anEffect('createTicket', { category: 'callback', priority: 'normal', summary: '', notify: true, vars: {} }, { from: PREMIUM_UK }));
    expect(result).toMatchObject({ ticketId: expect.any(String), texted: false, smsRefused: 'number_type_not_allowed' });
    expect(await s.tickets.get(String(result.ticketId))).toMatchObject({ callerPhone: PREMIUM_UK });
    expect(s.sms.sent).toEqual([]);
    expect(s.refused.map(([m, r]) => [m.kind, r.reason])).toEqual([['ticket', 'number_type_not_allowed']]);
  });

  it('texts a Chinese mobile its ticket number and says it did', async () => {
    const s = services();
    expect(await s.handlers.createTicket(anEffect('createTicket', { category: 'callback', priority: 'normal', summary: '', notify: true, vars: {} }))).toMatchObject({ texted: true });
    expect(s.sms.sent.map((m) => m.kind)).toEqual(['ticket']);
  });

  it('fails a flow SMS to a premium-rate caller with SmsRefusedError, before anything is sent', async () => {
    const s = services();
    const send = s.handlers.sendSms(anEffect('sendSms', { kind: 'reset_link', to: 'caller', text: '{link}' }, { from: PREMIUM_UK }));
    await expect(send).rejects.toThrow(SmsRefusedError);
    await expect(send).rejects.toMatchObject({ reason: 'number_type_not_allowed' });
    expect(s.sms.sent).toEqual([]);
  });

  it('texts no code to an account registered with a premium-rate number: the identity check hears "refused"', async () => {
    const s = services();
    expect(await s.handlers.sendOtp(anEffect('sendOtp', { accountId: 'U10090' }))).toEqual({ status: 'refused', reason: 'number_type_not_allowed' });
    expect(s.sms.sent).toEqual([]);
    expect(s.refused.map(([m, r]) => [m.kind, r.reason])).toEqual([['otp', 'number_type_not_allowed']]);
  });

  it("suggests no account for a withheld caller ID, even one that is some account's phone", async () => {
    const s = services();
    expect(await s.handlers.lookupAccount(anEffect('lookupAccount', { by: 'callerId' }, { from: '+266696687' }))).toEqual({ found: false });
    expect(await s.handlers.lookupAccount(anEffect('lookupAccount', { by: 'callerId' }))).toMatchObject({ found: true });
  });

  it('resolves a premium-rate caller\u2019s ticket without texting it', async () => {
    const s = services();
    const { ticketId } = await s.handlers.createTicket(anEffect('createTicket', { category: 'callback', priority: 'normal', summary: '', notify: false, vars: {} }, { from: PREMIUM_UK }));
    const changed = await s.ticketDesk.change(String(ticketId), { status: 'resolved', note: 'called back' });
    expect(changed).toMatchObject({ status: 'resolved' });
    expect(s.sms.sent).toEqual([]);
    expect(s.refused.map(([m, r]) => [m.kind, r.reason])).toEqual([['ticket_result', 'number_type_not_allowed']]);
  });
});
