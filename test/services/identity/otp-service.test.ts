import { SimulatedClock } from '../../../src/platform/clock';
import { createOtpService } from '../../../src/services/identity/otp-service';
import { OTP_RULES } from '../../../src/services/identity/otp-rules';
import { memoryOtpStore } from '../../../src/services/identity/otp-store';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const SEC = 1000;
const MIN = 60_000;
const OWNER = '+8613800138000';
const STRANGER = '+8613912345678';

/** The OTP service over a memory store, drawing the codes given (then 100000, 100001, …). */
function service(codes: string[] = []) {
  const clock = new SimulatedClock(T0);
  let n = 0;
  const store = memoryOtpStore();
  const otp = createOtpService({ store, now: () => clock.now(), secret: Buffer.alloc(32, 1), newCode: () => codes.shift() ?? String(100000 + n++) });
  let turn = 0;
  /** A new turn of a call from `caller` asking about U10001 (its phone is OWNER). */
  const ask = (caller: string, key = `CA${caller.slice(-4)}/${++turn}.0`) => ({ accountId: 'U10001', key, caller, destination: OWNER });
  return { otp, clock, store, ask };
}

describe('one-time codes: exactly once per turn', () => {
  it('sends one code for a turn delivered three times, and counts a wrong code delivered twice once', async () => {
    const { otp, ask } = service(['482913', '555555']);
    const turn = ask(STRANGER);
    const issued = await Promise.all([otp.issue(turn), otp.issue(turn), otp.issue(turn)]);
    expect(issued.filter((r) => r.status === 'sent' && r.code !== undefined)).toEqual([{ status: 'sent', code: '482913', expiresAt: T0 + OTP_RULES.ttlMs }]);
    expect(issued.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);

    const wrong = ask(STRANGER);
    expect(await Promise.all([otp.verify(wrong, '111111'), otp.verify(wrong, '111111')])).toEqual([
      { status: 'wrong', remaining: 2 },
      { status: 'wrong', remaining: 2 },
    ]);
    expect(await otp.verify(ask(STRANGER), '482913')).toEqual({ status: 'ok' });
  });

  it('answers a late repeat of a code check that succeeded with "ok" again, not "none"', async () => {
    const { otp, ask } = service(['482913']);
    await otp.issue(ask(OWNER));
    const check = ask(OWNER);
    expect(await otp.verify(check, '482913')).toEqual({ status: 'ok' });
    expect(await otp.verify(check, '482913')).toEqual({ status: 'ok' });
    expect(await otp.verify(ask(OWNER), '482913')).toEqual({ status: 'none' });
  });
});

describe('one-time codes: the send throttle', () => {
  it('asks for the code already sent when a new one is asked for within a minute, then sends a new one after it', async () => {
    const { otp, clock, ask } = service(['482913']);
    expect(await otp.issue(ask(OWNER))).toMatchObject({ code: '482913' });
    clock.advance(30 * SEC);
    expect(await otp.issue(ask(OWNER))).toEqual({ status: 'sent', expiresAt: T0 + OTP_RULES.ttlMs });
    expect(await otp.verify(ask(OWNER), '482913')).toEqual({ status: 'ok' });
    clock.advance(31 * SEC);
    expect(await otp.issue(ask(OWNER))).toMatchObject({ status: 'sent', code: expect.stringMatching(/^\d{6}$/) });
  });

  it('refuses a new code within a minute of the last one when that one is used up', async () => {
    const { otp, clock, ask } = service(['482913']);
    await otp.issue(ask(OWNER));
    await otp.verify(ask(OWNER), '482913');
    clock.advance(10 * SEC);
    expect(await otp.issue(ask(OWNER))).toEqual({ status: 'throttled' });
  });

  it('sends at most 5 codes an hour to one account, whoever asks, and a sixth after the first is an hour old', async () => {
    const { otp, clock, ask } = service();
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await otp.issue(ask(i % 2 ? OWNER : STRANGER));
      if (r.status === 'sent' && r.code) sent.push(r.code);
      clock.advance(61 * SEC);
    }
    expect(sent).toHaveLength(5);
    expect(await otp.issue(ask(OWNER))).toEqual({ status: 'throttled' });
    clock.advance(OTP_RULES.sendWindowMs - 5 * 61 * SEC + 1);
    expect(await otp.issue(ask(OWNER))).toMatchObject({ status: 'sent', code: expect.any(String) });
  });

  it('counts codes per destination number too: two accounts on one phone share its hourly 5', async () => {
    const { otp, clock } = service();
    const shared = (accountId: string, i: number) => ({ accountId, key: `CA${i}/1.0`, caller: STRANGER, destination: OWNER });
    for (let i = 0; i < 5; i++) {
      expect(await otp.issue(shared(i % 2 ? 'U10001' : 'U10009', i))).toMatchObject({ code: expect.any(String) });
      clock.advance(61 * SEC);
    }
    expect(await otp.issue(shared('U10009', 9))).toEqual({ status: 'throttled' });
  });

  it('withdraws a code whose SMS was refused: a request within the minute is throttled, not asked for a code that never came', async () => {
    const { otp, clock, ask } = service(['482913']);
    const turn = ask(OWNER);
    await otp.issue(turn);
    await otp.withdraw(turn, { status: 'refused' });
    expect(await otp.issue(turn)).toEqual({ status: 'refused' });
    expect(await otp.verify(ask(OWNER), '482913')).toEqual({ status: 'none' });
    clock.advance(10 * SEC);
    expect(await otp.issue(ask(OWNER))).toEqual({ status: 'throttled' });
  });
});

describe('one-time codes: lockouts a stranger cannot turn against the owner', () => {
  it('locks the stranger out of the account after 3 wrong codes, while the owner still verifies with the code on their phone', async () => {
    const { otp, ask } = service(['482913']);
    await otp.issue(ask(STRANGER));
    expect(await otp.verify(ask(STRANGER), '000001')).toEqual({ status: 'wrong', remaining: 2 });
    expect(await otp.verify(ask(STRANGER), '000002')).toEqual({ status: 'wrong', remaining: 1 });
    expect(await otp.verify(ask(STRANGER), '000003')).toEqual({ status: 'locked' });
    expect(await otp.issue(ask(STRANGER))).toMatchObject({ status: 'locked' });
    expect(await otp.verify(ask(STRANGER), '482913')).toEqual({ status: 'locked' });
    // The owner's call: asked for the code already on their phone, which verifies.
    expect(await otp.issue(ask(OWNER))).toEqual({ status: 'sent', expiresAt: T0 + OTP_RULES.ttlMs });
    expect(await otp.verify(ask(OWNER), '482913')).toEqual({ status: 'ok' });
  });

  it('throws a live code away after 5 wrong entries from rotating caller IDs, so forged numbers cannot guess without end', async () => {
    const { otp, ask } = service(['482913']);
    await otp.issue(ask(OWNER));
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await otp.verify(ask(`+86139000000${10 + i}`), `00000${i}`)).status);
    expect(answers).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'expired']);
    expect(await otp.verify(ask(OWNER), '482913')).toEqual({ status: 'none' });
  });

  it('lets a locked-out caller try again after 15 minutes, counting afresh', async () => {
    const { otp, clock, ask } = service(['482913', '777777']);
    await otp.issue(ask(STRANGER));
    for (const c of ['000001', '000002', '000003']) await otp.verify(ask(STRANGER), c);
    clock.advance(OTP_RULES.lockMs);
    expect(await otp.issue(ask(STRANGER))).toMatchObject({ code: '777777' });
    expect(await otp.verify(ask(STRANGER), '000004')).toEqual({ status: 'wrong', remaining: 2 });
  });
});

describe('one-time codes: account look-ups', () => {
  it('counts numbers that have no account too: the fourth different number within 15 minutes is refused', async () => {
    const { otp, clock } = service();
    expect(await otp.allowLookup(STRANGER, { unknown: 'phone:+8613100000001' })).toBe(true);
    expect(await otp.allowLookup(STRANGER, { unknown: 'phone:+8613100000002' })).toBe(true);
    expect(await otp.allowLookup(STRANGER, { accountId: 'U10001' })).toBe(true);
    expect(await otp.allowLookup(STRANGER, { unknown: 'phone:+8613100000003' })).toBe(false);
    expect(await otp.allowLookup(OWNER, { accountId: 'U10001' })).toBe(true);
    clock.advance(16 * MIN);
    expect(await otp.allowLookup(STRANGER, { unknown: 'phone:+8613100000004' })).toBe(true);
  });
});
