import { overflowStep, queueOpen, queueVerdict, type QueueLimits } from '../../src/server/voice/queue-limits';
import { endVisit, markLeaving, overflowVisit, queueResultOf } from '../../src/server/voice/queue-visit';
import { parseInstant } from '../../src/platform/clock';
import type { CallRecord } from '../../src/stores/calls/call-record';

const GENERAL: QueueLimits = { id: 'general', maxWaitSec: 300, maxSize: 100, overflow: { offer: 'callback' } };
const ACCOUNT: QueueLimits = { id: 'account', maxWaitSec: 180, maxSize: 80, overflow: { queue: 'general' } };
const LINE = { timezone: 'Asia/Shanghai', hours: { daily: ['08:00-22:00'] }, overrides: [{ date: '2027-02-16', closed: true }] };

const record = (over: Partial<CallRecord> = {}): CallRecord => ({
  callSid: 'CA1', hotline: 'general', caller: '+8613800138000', dialled: '+864000066888', lang: 'zh-CN', flowId: 'general', flowVersion: 'v1',
  afterHours: false, startedAt: 0, status: 'in-progress', path: [], turns: [], ticketIds: [], faults: 0, ...over,
});

describe('when a waiting caller is taken out of the queue', () => {
  it('keeps them while under the longest wait and within the size, and takes them out past either', () => {
    expect(queueVerdict(GENERAL, { position: 100, waitedSec: 299 }, true)).toBe('wait');
    expect(queueVerdict(GENERAL, { position: 3, waitedSec: 300 }, true)).toBe('max-wait');
    expect(queueVerdict(GENERAL, { position: 101, waitedSec: 0 }, true)).toBe('full');
    expect(queueVerdict(GENERAL, { position: 1, waitedSec: 0 }, false)).toBe('closed');
    // Without settings (a queue not in queues.yaml) only the hours count.
    expect(queueVerdict(undefined, { position: 5000, waitedSec: 5000 }, true)).toBe('wait');
  });

  it("reads the queue's own hours, else its line's, in the line's zone, and a closed date of the line closes it", () => {
    const at = (t: string) => parseInstant(t);
    expect(queueOpen(GENERAL, LINE, at('2026-11-23T21:59:00+08:00'))).toBe(true);
    expect(queueOpen(GENERAL, LINE, at('2026-11-23T22:00:00+08:00'))).toBe(false);
    expect(queueOpen({ hours: { daily: ['09:00-18:00'] } }, LINE, at('2026-11-23T18:30:00+08:00'))).toBe(false);
    expect(queueOpen(GENERAL, LINE, at('2027-02-16T12:00:00+08:00'))).toBe(false);
    // A caller sent by the after-hours flow to a team that works then: only the queue's own hours.
    expect(queueOpen(GENERAL, LINE, at('2026-11-23T23:00:00+08:00'), true)).toBe(true);
    expect(queueOpen({ hours: { daily: ['09:00-18:00'] } }, LINE, at('2026-11-23T23:00:00+08:00'), true)).toBe(false);
  });
});

describe('the overflow', () => {
  it('goes to another queue once; then, or when that queue cannot take them, a call back is offered', () => {
    const open = () => true;
    expect(overflowStep(ACCOUNT, 0, open)).toEqual({ kind: 'queue', to: 'general' });
    expect(overflowStep(ACCOUNT, 1, open)).toEqual({ kind: 'offer', offer: 'callback' });
    expect(overflowStep(ACCOUNT, 0, () => false)).toEqual({ kind: 'offer', offer: 'callback' });
    expect(overflowStep({ ...ACCOUNT, overflow: { queue: 'account' } }, 0, open)).toEqual({ kind: 'offer', offer: 'callback' });
    expect(overflowStep({ ...GENERAL, overflow: { offer: 'voicemail' } }, 0, open)).toEqual({ kind: 'offer', offer: 'voicemail' });
  });
});

describe('the stay on the call record', () => {
  it('keeps the first reason against retries, but a call back asked for wins, and ends the stay once', () => {
    const maxWait = markLeaving(record(), 'general', 'max-wait');
    expect(markLeaving(maxWait, 'general', 'closed')).toBe(maxWait);
    expect(markLeaving(maxWait, 'general', 'callback').queue).toEqual({ id: 'general', leaving: 'callback' });

    const ended = endVisit(maxWait, 'general', queueResultOf('leave', 'max-wait'), 300);
    expect(ended).toEqual({ first: true, record: expect.objectContaining({ queue: { id: 'general', leaving: 'max-wait', result: 'max-wait', waitedSec: 300 } }) });
    expect(endVisit(ended.record, 'general', 'max-wait', 301)).toEqual({ first: false, record: ended.record });
    expect(markLeaving(ended.record, 'general', 'callback')).toBe(ended.record);
  });

  it("names Twilio's result unless the engine took the caller out, and remembers the queue overflowed from", () => {
    expect(queueResultOf('bridged', undefined)).toBe('bridged');
    expect(queueResultOf('leave', 'callback')).toBe('leave');
    expect(queueResultOf('leave', 'full')).toBe('overflow');
    const moved = overflowVisit(endVisit(record(), 'account', 'max-wait', 180).record, 'account', 'general');
    expect(moved.queue).toEqual({ id: 'general', overflowedFrom: { id: 'account', result: 'max-wait', waitedSec: 180 } });
    expect(overflowVisit(moved, 'account', 'general')).toBe(moved);
  });
});
