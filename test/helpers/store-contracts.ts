import type { CallRecord } from '../../src/stores/calls/call-record';
import type { Session } from '../../src/stores/session/session';

/** A session and a call record as the webhook stores them (the contract suites are in test/services/contracts/). */

const T0 = Date.UTC(2026, 10, 23, 13, 0);

export function aSession(callSid: string, overrides: Partial<Session> = {}): Session {
  return {
    callSid,
    hotline: 'demo',
    afterHours: false,
    snapshot: { flowId: 'demo', version: 'v1', status: 'active', value: 'main', context: {} as Session['snapshot']['context'] },
    turn: 0,
    replies: { '0': '<Response/>' },
    ended: false,
    version: 1,
    updatedAt: T0,
    expiresAt: T0 + 60_000,
    ...overrides,
  };
}

export function aCallRecord(callSid: string, startedAt: number, overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callSid,
    hotline: 'demo',
    caller: '+8613800138000',
    dialled: '+864000000000',
    lang: 'zh-CN',
    flowId: 'demo',
    flowVersion: 'v1',
    afterHours: false,
    startedAt,
    status: 'in-progress',
    path: [],
    turns: [],
    ticketIds: [],
    faults: 0,
    ...overrides,
  };
}
