import { outcomeOf, withResult } from '../../../src/services/callbacks/callback-rules';
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
