import type { CallbackJob } from '../../../src/services/callbacks/callback-job';
import { placed, withResult } from '../../../src/services/callbacks/callback-rules';
import type { CallbackStore } from '../../../src/services/callbacks/callback-store';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const MIN = 60_000;
const LEASE = 60_000;

export function aJob(ticketId: string, over: Partial<CallbackJob> = {}): CallbackJob {
  return {
    ticketId, to: '+8613800138000', from: '+864000066888', hotline: 'general', lang: 'zh-CN', category: 'callback', queue: 'callback',
    createdAt: T0, promisedBy: T0 + 240 * MIN, policy: { maxAttempts: 3, retryMinutes: 10, ringSec: 30 },
    status: 'pending', attempts: 0, nextAttemptAt: T0 + 2 * MIN, claimedUntil: 0, results: [], ...over,
  };
}

/** What every CallbackStore must do. */
export function callbackStoreContract(name: string, make: MakeStore<CallbackStore>) {
  describe(`CallbackStore contract: ${name}`, () => {
    const newStore = fixtures(make);
    const claim = (store: CallbackStore, now: number, claimer = 'dialler-a', limit = 10) => store.claimDue({ now, limit, leaseMs: LEASE, claimer });

    it('schedules one job per ticket: scheduling it again returns the first', async () => {
      const store = await newStore();
      const first = await store.scheduleOnce(aJob('20481736'));
      expect(first).toEqual(aJob('20481736'));
      expect(await store.scheduleOnce(aJob('20481736', { to: '+8613900139000' }))).toEqual(first);
      expect(await store.list()).toHaveLength(1);
    });

    it('hands a due job to one dialler until the lease ends, marking the attempt started once', async () => {
      const store = await newStore();
      await store.scheduleOnce(aJob('20481736'));
      expect(await claim(store, T0 + 2 * MIN - 1)).toEqual([]);
      const [held] = await claim(store, T0 + 2 * MIN, 'dialler-a');
      expect(held).toMatchObject({ claimedBy: 'dialler-a', claimedUntil: T0 + 2 * MIN + LEASE, dialStartedAt: T0 + 2 * MIN });
      expect(await claim(store, T0 + 2 * MIN + LEASE - 1, 'dialler-b')).toEqual([]);
      const [again] = await claim(store, T0 + 2 * MIN + LEASE, 'dialler-b');
      // The second claimer sees when the first started: it looks the call up before placing another.
      expect(again).toMatchObject({ claimedBy: 'dialler-b', dialStartedAt: T0 + 2 * MIN });
    });

    it('changes a job atomically and only as the rule allows: the holder records its call, a stranger cannot', async () => {
      const store = await newStore();
      await store.scheduleOnce(aJob('20481736'));
      const now = T0 + 2 * MIN;
      await claim(store, now, 'dialler-a');
      expect(await store.change('20481736', (j) => placed(j, 'dialler-b', 'CAb', now))).toMatchObject({ changed: false, job: { status: 'pending' } });
      const done = await store.change('20481736', (j) => placed(j, 'dialler-a', 'CAa', now));
      expect(done).toMatchObject({ changed: true, job: { status: 'placed', callSid: 'CAa', attempts: 1, firstPlacedAt: now, claimedUntil: 0 } });
      expect(done!.job.claimedBy).toBeUndefined();
      expect(done!.job.dialStartedAt).toBeUndefined();
      expect(await store.get('20481736')).toEqual(done!.job);
      expect(await store.change('nope', (j) => j)).toBeUndefined();
    });

    it('records a result once and makes the job due again after retryMinutes', async () => {
      const store = await newStore();
      await store.scheduleOnce(aJob('20481736'));
      const now = T0 + 2 * MIN;
      await claim(store, now);
      await store.change('20481736', (j) => placed(j, 'dialler-a', 'CA1', now));
      const busy = { attempt: 1, callSid: 'CA1', outcome: 'busy' as const, now: now + MIN };
      expect(await store.change('20481736', (j) => withResult(j, busy))).toMatchObject({ changed: true, job: { status: 'pending', nextAttemptAt: now + 11 * MIN } });
      expect(await store.change('20481736', (j) => withResult(j, busy))).toMatchObject({ changed: false });
      expect(await claim(store, now + 11 * MIN - 1)).toEqual([]);
      expect(await claim(store, now + 11 * MIN)).toHaveLength(1);
    });

    it('claims the oldest due jobs first, at most the limit, and lists jobs by creation in a period', async () => {
      const store = await newStore();
      for (let i = 0; i < 5; i++) await store.scheduleOnce(aJob(`2048173${i}`, { createdAt: T0 + i, nextAttemptAt: T0 + 2 * MIN + (4 - i) }));
      const claimed = await claim(store, T0 + 3 * MIN, 'dialler-a', 2);
      expect(claimed.map((j) => j.ticketId)).toEqual(['20481734', '20481733']);
      expect((await store.list({ createdFrom: T0 + 1, createdTo: T0 + 3 })).map((j) => j.ticketId)).toEqual(['20481731', '20481732']);
      expect(await store.list({ status: 'placed' })).toEqual([]);
    });

    it('remembers the last progress SMS slot of a ticket, each slot taken once', async () => {
      const store = await newStore();
      expect(await store.progressSlot('20481736')).toBe(0);
      expect(await store.advanceProgress('20481736', 1)).toBe(true);
      expect(await store.advanceProgress('20481736', 1)).toBe(false);
      expect(await store.advanceProgress('20481736', 3)).toBe(true);
      expect(await store.advanceProgress('20481736', 2)).toBe(false);
      expect(await store.progressSlot('20481736')).toBe(3);
    });
  });
}
