import { simulateCallbackDay } from './callback-day.suite';

describe('a simulated day of call backs on two servers', () => {
  it('places every call back within its promise, once per attempt, and gives up on the unreachable with one SMS each', async () => {
    const day = await simulateCallbackDay(30);
    const { callbacks } = day.report;
    expect(callbacks).toMatchObject({ promised: 30, withinPromise: 30, late: 0, missed: 0, waiting: 0, withinPromiseRate: 1 });
    expect(callbacks.byCategory.emergency).toMatchObject({ promised: 6, withinPromise: 6 });
    // Two minutes after the ticket, plus at most one dialler interval.
    expect(callbacks.firstCallSec.max).toBeLessThanOrEqual(135);
    expect(callbacks.answered + callbacks.exhausted).toBe(30);
    expect(day.missedSms).toBe(callbacks.exhausted);
    expect(day.distinctCalled).toBe(30);
    expect(day.scrape).toMatch(/ivr_callbacks_first_placed_total\{category="emergency",within_promise="true"\} 6/);
  }, 120_000);
});
