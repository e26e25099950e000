import { nextOpening, outcomeOf, withResult } from '../../../src/services/callbacks/callback-rules';
import { aJob } from '../contracts/callback-store.contract';

describe("what a call back's Twilio status comes to", () => {
  it.each([
    ['completed', 'human', 'answered'],
    ['completed', 'unknown', 'answered'],
    ['completed', undefined, 'answered'],
    ['completed', 'machine_start', 'voicemail'],
    ['completed', 'machine_end_beep', 'voicemail'],
    ['completed', 'fax', 'voicemail'],
    ['busy', undefined, 'busy'],
    ['no-answer', undefined, 'no-answer'],
    ['failed', undefined, 'failed'],
    ['canceled', undefined, 'failed'],
    ['ringing', undefined, undefined],
    ['in-progress', 'human', undefined],
  ])('CallStatus %s with AnsweredBy %s is %s', (status, answeredBy, outcome) => {
    expect(outcomeOf(status, answeredBy)).toBe(outcome);
  });

  it('gives up after maxAttempts, and takes a result that arrives before the dialler recorded its call', () => {
    const inFlight = aJob('20481736', { attempts: 2, dialStartedAt: 1, claimedBy: 'dialler-a', results: [{ attempt: 1, callSid: 'CA1', outcome: 'busy', at: 0 }, { attempt: 2, callSid: 'CA2', outcome: 'busy', at: 0 }] });
    expect(withResult(inFlight, { attempt: 3, callSid: 'CA3', outcome: 'failed', now: 5 })).toMatchObject({ status: 'exhausted', attempts: 3, callSid: 'CA3' });
    expect(withResult(inFlight, { attempt: 2, callSid: 'CA9', outcome: 'failed', now: 5 })).toBeUndefined();
    expect(withResult(aJob('20481736'), { attempt: 1, callSid: 'CA1', outcome: 'busy', now: 5 })).toBeUndefined();
  });
});

describe('when the agents of a call back work again', () => {
  const at = (iso: string) => Date.parse(iso);
  const commerceHours = (t: number) => {
    const h = new Date(t + 8 * 3_600_000).getUTCHours();
    return h >= 8;
  };
  it('is undefined while they work, else the first 5-minute step they do, and undefined if they never do within 8 days', () => {
    expect(nextOpening(commerceHours, at('2026-11-23T23:00:00+08:00'))).toBeUndefined();
    expect(nextOpening(commerceHours, at('2026-11-24T00:02:00+08:00'))).toBe(at('2026-11-24T08:00:00+08:00'));
    expect(nextOpening(() => false, at('2026-11-24T00:02:00+08:00'))).toBeUndefined();
  });
});
