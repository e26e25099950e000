import { gotPastGreeting, planSurvey } from '../../../src/services/survey/survey-rules';
import type { CallRecord, TurnEntry } from '../../../src/stores/calls/call-record';
import { aCallRecord } from '../../helpers/store-contracts';

const AT = Date.UTC(2026, 10, 23, 2, 0);
const turn = (n: number, input: TurnEntry['input']): TurnEntry => ({ n, at: AT, input, node: 'main', result: 'waiting', ms: 5 });
const ctx = { optedOut: () => false, from: '+8610690000001', at: AT };

function completed(over: Partial<CallRecord> = {}): CallRecord {
  return aCallRecord('CA1', AT - 60_000, { status: 'completed', endedAt: AT, turns: [turn(0, 'call'), turn(1, 'digits')], ...over });
}

describe('who gets the satisfaction SMS after a call', () => {
  it('asks a caller who pressed a key, in the call’s language, keyed by the call', () => {
    expect(planSurvey(completed({ lang: 'en-US' }), ctx)).toEqual({
      survey: { callSid: 'CA1', phone: '+8613800138000', hotline: 'demo', lang: 'en-US', smsKey: 'CA1/survey', createdAt: AT },
      sms: {
        key: 'CA1/survey',
        to: '+8613800138000',
        from: '+8610690000001',
        body: '[Hotline] Thank you for calling. Reply 1-5 to rate our service (5 = excellent), or reply with a comment. Reply STOP to opt out.',
        kind: 'survey',
      },
    });
    expect(planSurvey(completed(), ctx)!.sms.body).toMatch(/^【客服热线】感谢您的来电。回复1-5评价本次服务/);
  });

  it('counts the caller as past the greeting once they answered a question or were put through to a person', () => {
    expect(gotPastGreeting(completed({ turns: [turn(0, 'call')] }))).toBe(false);
    expect(gotPastGreeting(completed({ turns: [turn(0, 'call'), turn(1, 'noInput')] }))).toBe(false);
    expect(gotPastGreeting(completed({ turns: [turn(0, 'call'), turn(1, 'recording')] }))).toBe(true);
    expect(gotPastGreeting(completed({ turns: [turn(0, 'call')], transfer: { queue: 'general', priority: 'normal' } }))).toBe(true);
  });

  it('does not ask a caller who hung up in the greeting, a call that never connected, an opted-out or hidden number', () => {
    expect(planSurvey(completed({ turns: [turn(0, 'call')] }), ctx)).toBeUndefined();
    expect(planSurvey(completed({ status: 'no-answer' }), ctx)).toBeUndefined();
    expect(planSurvey(completed(), { ...ctx, optedOut: (p) => p === '+8613800138000' })).toBeUndefined();
    expect(planSurvey(completed({ caller: 'anonymous' }), ctx)).toBeUndefined();
  });
});
