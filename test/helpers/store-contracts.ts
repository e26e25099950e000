import type { CallRecord } from '../../src/stores/calls/call-record';
import type { CallStore } from '../../src/stores/calls/call-store';
import type { Session } from '../../src/stores/session/session';
import type { SessionStore } from '../../src/stores/session/session-store';

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

/** What every SessionStore must do, run against each implementation. */
export function sessionStoreContract(name: string, make: () => SessionStore) {
  describe(`${name} session store`, () => {
    it('keeps a call and gives it back', async () => {
      const store = make();
      expect(await store.insert(aSession('CA1'))).toBe(true);
      expect(await store.get('CA1', T0)).toEqual(aSession('CA1'));
      expect(await store.get('CA2', T0)).toBeUndefined();
    });

    it('refuses a second insert of a live call (a retried ring)', async () => {
      const store = make();
      await store.insert(aSession('CA1'));
      expect(await store.insert(aSession('CA1', { turn: 9 }))).toBe(false);
      expect((await store.get('CA1', T0))!.turn).toBe(0);
    });

    it('saves only over the version it read (compare-and-set)', async () => {
      const store = make();
      await store.insert(aSession('CA1'));
      expect(await store.save(aSession('CA1', { version: 2, turn: 1 }))).toBe(true);
      expect(await store.save(aSession('CA1', { version: 2, turn: 1 }))).toBe(false);
      expect(await store.save(aSession('CA1', { version: 5, turn: 4 }))).toBe(false);
      expect(await store.get('CA1', T0)).toMatchObject({ version: 2, turn: 1 });
    });

    it('forgets an abandoned call after it expires, and lets its CallSid start afresh', async () => {
      const store = make();
      await store.insert(aSession('CA1'));
      await store.insert(aSession('CA2', { expiresAt: T0 + 10 * 60_000 }));
      expect(await store.get('CA1', T0 + 60_000)).toBeUndefined();
      expect(await store.insert(aSession('CA1', { updatedAt: T0 + 60_000, expiresAt: T0 + 120_000 }))).toBe(true);
      expect(await store.deleteExpired(T0 + 5 * 60_000)).toBe(1);
      expect(await store.get('CA2', T0 + 5 * 60_000)).toBeDefined();
    });

    it('deletes a finished call and answers a ping', async () => {
      const store = make();
      await store.insert(aSession('CA1'));
      await store.delete('CA1');
      expect(await store.get('CA1', T0)).toBeUndefined();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
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

/** What every CallStore must do, run against each implementation. */
export function callStoreContract(name: string, make: () => CallStore) {
  describe(`${name} call store`, () => {
    it('opens a call once and updates it atomically', async () => {
      const store = make();
      await store.open(aCallRecord('CA1', T0));
      await store.open(aCallRecord('CA1', T0, { hotline: 'other' }));
      const updated = await store.update('CA1', (r) => ({ ...r, faults: r.faults + 1 }));
      expect(updated).toMatchObject({ hotline: 'demo', faults: 1 });
      expect(await store.get('CA1')).toEqual(updated);
      expect(await store.update('CA404', (r) => r)).toBeUndefined();
    });

    it('lists calls newest first within [from, to) and by hotline', async () => {
      const store = make();
      await store.open(aCallRecord('CA1', T0));
      await store.open(aCallRecord('CA2', T0 + 1000, { hotline: 'general' }));
      await store.open(aCallRecord('CA3', T0 + 2000));
      const sids = (rs: CallRecord[]) => rs.map((r) => r.callSid);
      expect(sids(await store.list({ limit: 10 }))).toEqual(['CA3', 'CA2', 'CA1']);
      expect(sids(await store.list({ from: T0 + 1000, to: T0 + 2000, limit: 10 }))).toEqual(['CA2']);
      expect(sids(await store.list({ hotline: 'demo', limit: 10 }))).toEqual(['CA3', 'CA1']);
      expect(sids(await store.list({ limit: 1 }))).toEqual(['CA3']);
    });
  });
}
