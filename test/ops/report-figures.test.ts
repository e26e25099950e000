import { buildReport } from '../../src/reports/report';
import { firstContact } from '../../src/reports/first-contact';
import { resolveReportQuery } from '../../src/reports/report-query';
import { slaStatus } from '../../src/reports/sla-status';
import { parseInstant } from '../../src/platform/clock';
import type { Ticket } from '../../src/services/tickets/ticket.schema';
import type { CallRecord } from '../../src/stores/calls/call-record';

const H = 60 * 60_000;
const T0 = parseInstant('2026-11-23T10:00:00+08:00');

function ticket(over: Partial<Ticket>): Ticket {
  return {
    id: '20481736', key: 'k', hotline: 'general', category: 'appeal', priority: 'normal', status: 'open', callSid: 'CA1', callerPhone: '+8613800138000',
    lang: 'zh-CN', summary: '', path: [], vars: {}, createdAt: T0, dueAt: T0 + 24 * H, slaMinutes: 24 * 60, notes: [], ...over,
  };
}
function call(sid: string, caller: string, startedAt: number): CallRecord {
  return {
    callSid: sid, hotline: 'general', caller, dialled: '+864000066888', lang: 'zh-CN', flowId: 'general', flowVersion: 'v1', afterHours: false,
    startedAt, status: 'completed', outcome: 'self-served', path: [], turns: [], ticketIds: [], faults: 0,
  };
}

describe('a ticket against its promise', () => {
  it('is open while its due time is more than an hour away, due within the hour, breached after it', () => {
    expect(slaStatus(ticket({}), T0 + 22 * H)).toBe('open');
    expect(slaStatus(ticket({}), T0 + 23 * H)).toBe('due');
    expect(slaStatus(ticket({}), T0 + 24 * H + 1)).toBe('breached');
  });

  it('met its promise when resolved by its due time, and breached it when resolved later, whenever the report is made', () => {
    const resolvedAt = (at: number) => ticket({ status: 'resolved', notes: [{ at, text: '已处理', status: 'resolved' }] });
    expect(slaStatus(resolvedAt(T0 + 23 * H), T0 + 100 * H)).toBe('met');
    expect(slaStatus(resolvedAt(T0 + 25 * H), T0 + 100 * H)).toBe('breached');
  });
});

describe('first-contact resolution', () => {
  it('judges a call once its 48 hours are over or it was repeated, and leaves withheld numbers out', () => {
    const calls = [
      call('CA1', '+8613800138000', T0),
      call('CA2', '+8613800138000', T0 + 47 * H), // repeats CA1
      call('CA3', '+8615000000000', T0),
      call('CA4', 'anonymous', T0),
    ];
    const later = [...calls, call('CA5', '+8615000000000', T0 + 49 * H)]; // too late to be CA3's repeat
    expect(firstContact(calls, later, T0 + 60 * H)).toEqual({ judged: 2, resolved: 1, rate: 0.5, pending: 1, unknownCaller: 1 });
  });
});

describe('a report request', () => {
  const now = parseInstant('2026-11-25T12:00:00+08:00');

  it('covers the last 7 days by default, whole days for plain dates, and exact times with a zone', () => {
    expect(resolveReportQuery({}, now)).toEqual({ ok: true, query: { from: now - 7 * 24 * H, to: now, timezone: 'Asia/Shanghai' } });
    expect(resolveReportQuery({ from: '2026-11-23', to: '2026-11-23', hotline: 'general' }, now)).toEqual({
      ok: true,
      query: { from: parseInstant('2026-11-23T00:00:00+08:00'), to: parseInstant('2026-11-24T00:00:00+08:00'), hotline: 'general', timezone: 'Asia/Shanghai' },
    });
    expect(resolveReportQuery({ from: '2026-11-23T08:00:00Z', to: '2026-11-23', tz: 'UTC' }, now)).toMatchObject({ ok: true, query: { from: Date.UTC(2026, 10, 23, 8), to: Date.UTC(2026, 10, 24) } });
  });

  it('says what is wrong with a bad request', () => {
    expect(resolveReportQuery({ from: '2026-11-24', to: '2026-11-23' }, now)).toEqual({ ok: false, error: 'from must be before to' });
    expect(resolveReportQuery({ tz: 'Mars/Olympus' }, now)).toEqual({ ok: false, error: 'tz must be an IANA time zone, e.g. Asia/Shanghai' });
    expect(resolveReportQuery({ limit: '5' }, now)).toEqual({ ok: false, error: 'unknown parameter limit (use from, to, hotline, tz)' });
  });
});

describe('waiting for an agent, per line', () => {
  const waited = (sid: string, hotline: string, queue: CallRecord['queue']): CallRecord => ({ ...call(sid, '+8613800138000', T0), hotline, outcome: 'transferred', queue });

  it('counts the VIP line’s callers answered within 15 s (an overflow’s two waits together) and the average wait', () => {
    const report = buildReport({
      from: T0,
      to: T0 + H,
      now: T0 + H,
      timezone: 'Asia/Shanghai',
      calls: [
        waited('CA1', 'enterprise', { id: 'enterprise', result: 'bridged', waitedSec: 5 }),
        waited('CA2', 'enterprise', { id: 'enterprise', result: 'bridged', waitedSec: 15 }),
        waited('CA3', 'enterprise', { id: 'general', result: 'bridged', waitedSec: 10, overflowedFrom: { id: 'enterprise', result: 'max-wait', waitedSec: 60 } }),
        waited('CA4', 'enterprise', { id: 'enterprise', result: 'hangup', waitedSec: 12 }),
        waited('CA5', 'general', { id: 'general', result: 'bridged', waitedSec: 100 }),
        call('CA6', '+8613800138001', T0),
      ],
      tickets: [],
      surveys: [],
    });
    expect(report.queues.byHotline).toEqual({
      enterprise: { waited: 4, answered: 3, answeredWithin15s: 2, serviceLevel: 0.5, averageWaitSec: (5 + 15 + 70 + 12) / 4 },
      general: { waited: 1, answered: 1, answeredWithin15s: 0, serviceLevel: 0, averageWaitSec: 100 },
    });
  });
});
