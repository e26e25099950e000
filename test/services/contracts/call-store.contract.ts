import type { CallRecord } from '../../../src/stores/calls/call-record';
import type { CallStore } from '../../../src/stores/calls/call-store';
import { aCallRecord } from '../../helpers/store-contracts';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 13, 0);

/** What every CallStore must do: memory, SQLite and PostgreSQL alike. */
export function callStoreContract(name: string, make: MakeStore<CallStore>) {
  describe(`CallStore contract: ${name}`, () => {
    const newStore = fixtures(make);
    const sids = (rs: CallRecord[]) => rs.map((r) => r.callSid);

    it('opens a call once and updates it atomically', async () => {
      const store = await newStore();
      await store.open(aCallRecord('CA1', T0));
      await store.open(aCallRecord('CA1', T0, { hotline: 'other' }));
      const updated = await store.update('CA1', (r) => ({ ...r, faults: r.faults + 1 }));
      expect(updated).toMatchObject({ hotline: 'demo', faults: 1 });
      expect(await store.get('CA1')).toEqual(updated);
      expect(await store.update('CA404', (r) => r)).toBeUndefined();
      expect(await store.get('CA404')).toBeUndefined();
    });

    it('keeps every field of a finished call, optional ones included', async () => {
      const store = await newStore();
      const done = aCallRecord('CA1', T0, {
        callerCountry: 'CN',
        endedAt: T0 + 95_000,
        durationSec: 95,
        status: 'completed',
        outcome: 'transferred',
        path: ['welcome', 'main_menu', 'account_agent'],
        turns: [{ n: 0, at: T0, input: 'call', node: 'main_menu', result: 'waiting', ms: 3 }],
        transfer: { queue: 'account', priority: 'high' },
        ticketIds: ['20481736'],
        recordingUrl: 'https://api.twilio.com/recordings/RE1',
      });
      await store.open(done);
      expect(await store.get('CA1')).toEqual(done);
    });

    it('keeps a transfer to a number: its result, talk time and every dial that ended', async () => {
      const store = await newStore();
      const dialled = aCallRecord('CA1', T0, {
        outcome: 'transferred',
        turns: [{ n: 2, at: T0 + 40_000, input: 'dialResult', node: 'security', result: 'transferred', ms: 4 }],
        transfer: { number: '+86-10-12345678', result: 'answered', talkSec: 184 },
        dials: [
          { at: T0 + 20_000, number: '+86-10-87654321', result: 'busy', talkSec: 0 },
          { at: T0 + 40_000, number: '+86-10-12345678', result: 'answered', talkSec: 184 },
        ],
      });
      await store.open(dialled);
      expect(await store.get('CA1')).toEqual(dialled);
    });

    it('applies updates arriving at once one after another, losing none', async () => {
      const store = await newStore();
      await store.open(aCallRecord('CA1', T0));
      await Promise.all(Array.from({ length: 6 }, (_, i) => store.update('CA1', (r) => ({ ...r, faults: r.faults + 1, path: [...r.path, `n${i}`] }))));
      const r = (await store.get('CA1'))!;
      expect(r.faults).toBe(6);
      expect([...r.path].sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    });

    it('lists calls newest first within [from, to) and by hotline', async () => {
      const store = await newStore();
      await store.open(aCallRecord('CA1', T0));
      await store.open(aCallRecord('CA2', T0 + 1000, { hotline: 'general' }));
      await store.open(aCallRecord('CA3', T0 + 2000));
      expect(sids(await store.list({ limit: 10 }))).toEqual(['CA3', 'CA2', 'CA1']);
      expect(sids(await store.list({ from: T0 + 1000, to: T0 + 2000, limit: 10 }))).toEqual(['CA2']);
      expect(sids(await store.list({ hotline: 'demo', limit: 10 }))).toEqual(['CA3', 'CA1']);
      expect(sids(await store.list({ limit: 1 }))).toEqual(['CA3']);
    });

    it('answers a ping', async () => {
      const store = await newStore();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
