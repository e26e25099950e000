import type { SessionStore } from '../../../src/stores/session/session-store';
import { aSession } from '../../helpers/store-contracts';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 13, 0);
const MIN = 60_000;

/** What every SessionStore must do: memory, SQLite, PostgreSQL and Redis alike. */
export function sessionStoreContract(name: string, make: MakeStore<SessionStore>) {
  describe(`SessionStore contract: ${name}`, () => {
    const newStore = fixtures(make);

    it('keeps a call and gives it back, every field intact', async () => {
      const store = await newStore();
      const s = aSession('CA1', { awaiting: { kind: 'digits', minDigits: 6, maxDigits: 6, timeoutSec: 8, sensitive: true }, replies: { '0': '<Response><Say language="zh-CN">您好，欢迎致电</Say></Response>' } });
      expect(await store.insert(s)).toBe(true);
      expect(await store.get('CA1', T0)).toEqual(s);
      expect(await store.get('CA2', T0)).toBeUndefined();
    });

    it('refuses a second insert of a live call (a retried ring)', async () => {
      const store = await newStore();
      await store.insert(aSession('CA1'));
      expect(await store.insert(aSession('CA1', { turn: 9 }))).toBe(false);
      expect((await store.get('CA1', T0))!.turn).toBe(0);
    });

    it('saves only over the version it read (compare-and-set)', async () => {
      const store = await newStore();
      await store.insert(aSession('CA1'));
      expect(await store.save(aSession('CA1', { version: 2, turn: 1 }))).toBe(true);
      expect(await store.save(aSession('CA1', { version: 2, turn: 1 }))).toBe(false);
      expect(await store.save(aSession('CA1', { version: 5, turn: 4 }))).toBe(false);
      expect(await store.get('CA1', T0)).toMatchObject({ version: 2, turn: 1 });
    });

    it('lets exactly one of two servers answering the same turn at once store its answer', async () => {
      const store = await newStore();
      await store.insert(aSession('CA1'));
      const a = aSession('CA1', { version: 2, turn: 1, replies: { '0': '<Response/>', '1': '<Response><Say>from A</Say></Response>' } });
      const b = aSession('CA1', { version: 2, turn: 1, replies: { '0': '<Response/>', '1': '<Response><Say>from B</Say></Response>' } });
      const results = await Promise.all([store.save(a), store.save(b), store.save(a), store.save(b)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await store.get('CA1', T0);
      expect(stored).toEqual(results[0] || results[2] ? a : b);
    });

    it('keeps the replies of the latest turns, so a retried webhook is answered from the store', async () => {
      const store = await newStore();
      await store.insert(aSession('CA1'));
      const replies = { '1': '<Response><Gather action="/twilio/voice/turn?n=2"/></Response>', '2': '<Response><Hangup/></Response>' };
      await store.save(aSession('CA1', { version: 2, turn: 2, replies, ended: true }));
      expect(await store.get('CA1', T0)).toMatchObject({ turn: 2, replies, ended: true });
    });

    it('refuses to save a call that is not stored (deleted, or never rang here)', async () => {
      const store = await newStore();
      expect(await store.save(aSession('CA404', { version: 2 }))).toBe(false);
      expect(await store.get('CA404', T0)).toBeUndefined();
    });

    it('forgets an abandoned call after it expires, and lets its CallSid start afresh', async () => {
      const store = await newStore();
      await store.insert(aSession('CA1'));
      await store.insert(aSession('CA2', { expiresAt: T0 + 10 * MIN }));
      expect(await store.get('CA1', T0 + MIN)).toBeUndefined();
      expect(await store.insert(aSession('CA1', { updatedAt: T0 + MIN, expiresAt: T0 + 2 * MIN }))).toBe(true);
      expect(await store.deleteExpired(T0 + 5 * MIN)).toBe(1);
      expect(await store.get('CA2', T0 + 5 * MIN)).toBeDefined();
    });

    it('extends a call’s life with each save', async () => {
      const store = await newStore();
      await store.insert(aSession('CA1'));
      await store.save(aSession('CA1', { version: 2, turn: 1, updatedAt: T0 + 50_000, expiresAt: T0 + 50_000 + 60_000 }));
      expect(await store.deleteExpired(T0 + 100_000)).toBe(0);
      expect(await store.get('CA1', T0 + 100_000)).toMatchObject({ turn: 1 });
      expect(await store.deleteExpired(T0 + 110_000)).toBe(1);
      expect(await store.get('CA1', T0)).toBeUndefined();
    });

    it('sweeps many abandoned calls at once and keeps the live ones', async () => {
      const store = await newStore();
      for (let i = 0; i < 30; i++) await store.insert(aSession(`CAold${i}`));
      await store.insert(aSession('CAlive', { expiresAt: T0 + 60 * MIN }));
      expect(await store.deleteExpired(T0 + 2 * MIN)).toBe(30);
      expect(await store.deleteExpired(T0 + 2 * MIN)).toBe(0);
      expect(await store.get('CAlive', T0 + 2 * MIN)).toBeDefined();
    });

    it('deletes a finished call and answers a ping', async () => {
      const store = await newStore();
      await store.insert(aSession('CA1'));
      await store.delete('CA1');
      expect(await store.get('CA1', T0)).toBeUndefined();
      expect(await store.insert(aSession('CA1'))).toBe(true);
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
