import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';

/**
 * SMS pumping, tried through signed webhooks against the real services (SQLite file, the twilio
 * library posting to the fake Twilio over HTTP): an autodialler spoofing one caller ID, and callers
 * spoofing premium-rate and toll-free numbers abroad, each walking to an SMS and hanging up (the
 * survey). What reaches Twilio is counted there.
 */

const INTERNATIONAL = '+86-400-0066-888';
/** A UK mobile: a country the international line texts, so only the caps stand between it and a pump. */
const SPOOFED_UK_MOBILE = '+447400123456';

/** Premium-rate and toll-free numbers of several countries (20, each checked to be what it claims below). */
const PREMIUM = [
  ...['+449090123456', '+449090123457', '+449111234567', '+448712345678'].map((n) => ({ n, type: 'PREMIUM_RATE' })),
  ...['+19005551234', '+19005551235', '+19005551236'].map((n) => ({ n, type: 'PREMIUM_RATE' })),
  ...['+18005551234', '+18885551234'].map((n) => ({ n, type: 'TOLL_FREE' })),
  ...['+37190012345', '+37190012346', '+37190012347'].map((n) => ({ n, type: 'PREMIUM_RATE' })),
  ...['+33899123456', '+33899123457'].map((n) => ({ n, type: 'PREMIUM_RATE' })),
  ...['+41900123456', '+46939123456', '+3290012345', '+34803123456', '+420900123456', '+48701234567'].map((n) => ({ n, type: 'PREMIUM_RATE' })),
];

describe('the SMS guard against SMS pumping (international line, SQLite, fake Twilio over HTTP)', () => {
  let world: ServicesWorld;
  beforeEach(async () => {
    world = await servicesWorld({ at: '2026-11-23T11:00:00+08:00' });
  });
  afterEach(() => world.close());

  /** English, e-commerce, merchant onboarding (an `info` link by SMS), then hang up (the survey). */
  async function pumpOnce(server: ReturnType<ServicesWorld['server']>, from: string) {
    const country = parsePhoneNumberFromString(from)?.country;
    const caller = server.caller(from, INTERNATIONAL, country ? { fromCountry: country } : {});
    await caller.ring();
    await caller.press('1');
    await caller.press('3');
    await caller.press('2');
    const heard = caller.heard();
    await caller.hangUp();
    world.clock.advance(30_000);
    return { caller, heard };
  }

  it('numbers the test spoofs are the premium-rate and toll-free numbers they claim to be', () => {
    expect(PREMIUM).toHaveLength(20);
    for (const { n, type } of PREMIUM) expect({ n, type: parsePhoneNumberFromString(n)?.getType() ?? 'unknown' }).toEqual({ n, type });
  });

  it('20 calls from one spoofed caller ID get that number 3 links and 1 survey; 20 premium-rate callers get nothing; /metrics shows why', async () => {
    const server = world.server();
    const heard: string[][] = [];
    for (let i = 0; i < 20; i++) heard.push((await pumpOnce(server, SPOOFED_UK_MOBILE)).heard);
    const premiumCalls = [];
    for (const { n } of PREMIUM) premiumCalls.push(await pumpOnce(server, n));
    await server.flush();

    const texts = world.textsTo(SPOOFED_UK_MOBILE);
    expect(texts).toHaveLength(4);
    expect(world.twilio.messages.filter((m) => PREMIUM.some((p) => p.n === m.to))).toEqual([]);
    expect(world.twilio.messages).toHaveLength(4);

    // The flow heard the refusal at once and said so, from the 4th call on.
    expect(heard.filter((h) => h.some((s) => /could not send|sorry/i.test(s)))).toHaveLength(17);

    // The refusals are on the call record: the flow's link, then the survey as the call closed.
    const record = (await server.admin.get(`/api/calls/${premiumCalls[0].caller.sid}`)).body;
    expect(record.call.smsRefused).toEqual([
      expect.objectContaining({ kind: 'info', reason: 'number_type_not_allowed' }),
      expect.objectContaining({ kind: 'survey', reason: 'number_type_not_allowed' }),
    ]);

    const metrics = await server.scrape();
    const refused = (kind: string, reason: string) => Number(new RegExp(`ivr_sms_refused_total\\{kind="${kind}",reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    expect(refused('info', 'destination_cap')).toBe(17);
    expect(refused('survey', 'destination_cap')).toBe(19);
    // Latvia (3), Switzerland, Sweden, Belgium, Spain, Poland and Czechia are not the international
    // line's countries; the UK, US and French numbers are, and are refused by their type.
    expect(refused('info', 'country_not_allowed')).toBe(9);
    expect(refused('info', 'number_type_not_allowed')).toBe(11);
    expect(refused('survey', 'country_not_allowed') + refused('survey', 'number_type_not_allowed')).toBe(20);
    // The log names the reason and never the full number.
    const lines = server.logs.filter((l) => l.component === 'sms-guard');
    expect(lines.length).toBeGreaterThanOrEqual(76);
    expect(JSON.stringify(lines)).not.toContain('7400123456');
  });

  it('keeps the caps across a restart: a new server on the same file refuses the 4th link the same day', async () => {
    const first = world.server();
    for (let i = 0; i < 3; i++) await pumpOnce(first, SPOOFED_UK_MOBILE);
    await first.close();
    const second = world.server();
    const { heard } = await pumpOnce(second, SPOOFED_UK_MOBILE);
    await second.flush();
    expect(world.textsTo(SPOOFED_UK_MOBILE)).toHaveLength(4);
    expect(heard.some((s) => /could not send|sorry/i.test(s))).toBe(true);
  });

  it('after hours, 20 voicemails from one spoofed number open one ticket holding every message, and text it 3 ticket numbers and 1 survey', async () => {
    world.clock.set(Date.parse('2026-11-23T21:00:00+08:00'));
    const server = world.server();
    const results: { call: { smsRefused?: { kind: string; reason: string }[]; ticketIds?: string[] }; tickets: unknown[] }[] = [];
    for (let i = 0; i < 20; i++) {
      const caller = server.caller(SPOOFED_UK_MOBILE, INTERNATIONAL, { fromCountry: 'GB' });
      await caller.ring();
      await caller.press('1');
      await caller.press('1');
      await caller.leaveMessage(`https://api.twilio.com/recordings/RE${i}`);
      await caller.hangUp();
      results.push((await server.admin.get(`/api/calls/${caller.sid}`)).body);
      world.clock.advance(60_000);
    }
    await server.flush();
    // The first call opens the ticket; the 19 after it are noted on it, each with its recording.
    expect(results.filter((r) => r.tickets.length === 1)).toHaveLength(1);
    const ids = new Set(results.flatMap((r) => r.call.ticketIds ?? []));
    expect(ids.size).toBe(1);
    const { ticket } = (await server.admin.get(`/api/tickets/${[...ids][0]}`)).body as { ticket: { notes: { text: string }[] } };
    expect(ticket.notes).toHaveLength(19);
    expect(ticket.notes.map((n) => n.text.match(/RE\d+/)?.[0])).toEqual(Array.from({ length: 19 }, (_, i) => `RE${i + 1}`));
    const refusedOf = (kind: string) => results.filter((r) => r.call.smsRefused?.some((x) => x.kind === kind && x.reason === 'destination_cap'));
    expect(refusedOf('ticket')).toHaveLength(17);
    expect(refusedOf('survey')).toHaveLength(19);
    const texts = world.textsTo(SPOOFED_UK_MOBILE);
    expect(texts).toHaveLength(4);
  });

  it('texts nothing to a withheld caller ID, and the flow goes on', async () => {
    const server = world.server();
    for (const from of ['+266696687', '+7378742833', '+86282452253', '+2562533', '+8656696']) await pumpOnce(server, from);
    await server.flush();
    expect(world.twilio.messages).toEqual([]);
    const refusals = [...(await server.scrape()).matchAll(/ivr_sms_refused_total\{kind="(\w+)",reason="(\w+)"\} (\d+)/g)].map(([, kind, reason, n]) => ({ kind, reason, n: Number(n) }));
    // The three routed abroad reached the merchant-onboarding SMS; every survey was refused too.
    expect(refusals).toEqual(expect.arrayContaining([{ kind: 'info', reason: 'anonymous', n: 3 }]));
    expect(refusals.every((r) => r.reason === 'anonymous')).toBe(true);
  });
});
