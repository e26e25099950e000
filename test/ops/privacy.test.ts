import { postSigned } from '../helpers/twilio-caller';
import { PUBLIC_BASE_URL, servicesWorld, type ServicesWorld } from '../helpers/services-app';
import { AUTH_TOKEN } from '../helpers/webhook-app';
import { scrubLogLine } from '../../src/server/scrub-log-line';

/** A caller whose own phone is not registered: they key the account's number instead. */
const STRANGER = '+8615012345678';
const ZHANG = '+8613800138000';
const ZHANG_EMAIL = 'zhang.wei@example.com';
const GENERAL_SMS_SENDER = '+8610690000001';

/** Every way a number could be written in a log line: E.164, national, with 86 and no plus. */
function spellings(e164: string): string[] {
  const digits = e164.slice(1);
  const national = digits.startsWith('86') ? digits.slice(2) : digits;
  return [e164, digits, national];
}
/** `code` standing alone, not as part of a longer number (a timestamp may contain any six digits). */
const standalone = (code: string) => new RegExp(`(?<![0-9])${code}(?![0-9])`);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/;

describe('what the logs of a whole call say about the caller', () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());

  it('keeps every phone number masked and never writes the one-time code, the keyed account number, an e-mail or the Twilio signature', async () => {
    const server = world.server({ env: { LOG_LEVEL: 'trace' } });
    const caller = server.caller(STRANGER);

    // 400-0066-888 → 1 (account) → keys Zhang's registered number → the code texted to Zhang's phone.
    await caller.ring();
    await caller.press('1');
    expect(caller.heard()).toEqual(['请说出或输入您账号绑定的11位手机号码，按键输入请以井号键结束。']);
    await caller.press('13800138000');
    const code = world.codeSentTo(ZHANG);
    await caller.press(code);
    expect(caller.heard()[0]).toBe('身份验证成功。');

    // 2: stolen account → an emergency ticket texted to the caller; 2: hang up and wait for the call back.
    await caller.press('2');
    const ticketId = /工单号是((?:\d ){7}\d)。/.exec(caller.heard()[0])![1].replace(/ /g, '');
    await caller.press('2');
    await caller.hangUp('completed', 80);
    await server.flush();
    expect(world.textsTo(STRANGER).some((t) => t.includes(ticketId))).toBe(true);

    // The survey answered by SMS, a comment with an e-mail address, and a forged webhook.
    expect((await server.textBack(STRANGER, '5', GENERAL_SMS_SENDER)).status).toBe(200);
    expect((await server.textBack(STRANGER, `请发邮件到 ${ZHANG_EMAIL} 联系我`, GENERAL_SMS_SENDER)).status).toBe(200);
    const forged = await postSigned(server.app, {
      url: `${PUBLIC_BASE_URL}/twilio/voice`,
      params: { CallSid: 'CA'.padEnd(34, '9'), From: STRANGER, To: '400-0066-888' },
      authToken: AUTH_TOKEN,
      signature: 'Zm9yZ2VkLXNpZ25hdHVyZS1ub3QtZnJvbS10d2lsaW8=',
    });
    expect(forged.status).toBe(403);

    const text = server.logs.map((l) => JSON.stringify(l)).join('\n');
    // The logs did see this call: one line per turn, the caller masked, the ticket, the end, the SMS.
    const turns = server.logs.filter((l) => l.msg === 'turn' && l.callSid === caller.sid);
    expect(turns).toHaveLength(6);
    expect(turns[0]).toMatchObject({ hotline: 'general', caller: '150****5678', input: 'call' });
    expect(text).toContain(ticketId);
    expect(server.logs.some((l) => l.msg === 'call ended' && l.callSid === caller.sid)).toBe(true);
    expect(server.logs.filter((l) => l.msg === 'SMS received').map((l) => l.from)).toEqual(['150****5678', '150****5678']);

    for (const number of [STRANGER, ZHANG, GENERAL_SMS_SENDER]) {
      for (const spelled of spellings(number)) expect(text).not.toContain(spelled);
    }
    expect(text).not.toMatch(standalone(code));
    expect(text).not.toMatch(EMAIL);
    expect(text).not.toContain('Zm9yZ2VkLXNpZ25hdHVyZS1ub3QtZnJvbS10d2lsaW8=');
  });
});

describe('the log line scrubber', () => {
  const line = (fields: object) => JSON.parse(scrubLogLine(JSON.stringify(fields))) as Record<string, unknown>;

  it('masks numbers and e-mail addresses in any field or message, and leaves ids, times and ticket numbers alone', () => {
    expect(
      line({
        msg: 'Twilio refused: The To number +8613800138000 is not valid',
        err: { message: 'no account for 13800138000 or +1 415 555 0100; write to zhang.wei@example.com' },
        time: 1795400138000,
        callSid: 'CA13800138000aa',
        ticketId: '20481736',
        keys: '1',
      }),
    ).toEqual({
      msg: 'Twilio refused: The To number 138****8000 is not valid',
      err: { message: 'no account for 138****8000 or +1******0100; write to [email]' },
      time: 1795400138000,
      callSid: 'CA13800138000aa',
      ticketId: '20481736',
      keys: '1',
    });
  });
});
