import type { OtpState, OtpStore } from '../../../src/services/identity/otp-store';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const MIN = 60_000;

/** What every OtpStore must do. */
export function otpStoreContract(name: string, make: MakeStore<OtpStore>) {
  describe(`OtpStore contract: ${name}`, () => {
    const newStore = fixtures(make);

    it('knows nothing of an account that never asked for a code', async () => {
      const store = await newStore();
      expect(await store.get('U10001')).toBeUndefined();
    });

    it('gives back a live code hash, its key, expiry, failures, send times and answers as put', async () => {
      const store = await newStore();
      const state: OtpState = {
        id: 'U10001',
        codeHash: 'ab'.repeat(32),
        expiresAt: T0 + 5 * MIN,
        codeKey: 'CA1/3.0',
        failures: 2,
        sentAt: [T0 - 2 * MIN, T0],
        done: [{ key: 'CA1/3.0', result: { status: 'sent', expiresAt: T0 + 5 * MIN, fresh: true } }],
        updatedAt: T0,
      };
      await store.put(state);
      expect(await store.get('U10001')).toEqual(state);
    });

    it('replaces the whole state: clearing the code and setting a lock', async () => {
      const store = await newStore();
      await store.put({ id: 'U10001', codeHash: 'ab'.repeat(32), expiresAt: T0 + 5 * MIN, failures: 2 });
      await store.put({ id: 'U10001', failures: 3, lockedUntil: T0 + 15 * MIN });
      const got = await store.get('U10001');
      expect(got).toEqual({ id: 'U10001', failures: 3, lockedUntil: T0 + 15 * MIN });
      expect(got).not.toHaveProperty('codeHash');
    });

    it('hands out copies, so changing one does not change the store', async () => {
      const store = await newStore();
      await store.put({ id: 'U10001', failures: 0 });
      const got = (await store.get('U10001'))!;
      got.failures = 99;
      expect((await store.get('U10001'))!.failures).toBe(0);
    });

    it('changes a state in one step: the decision sees the stored state and its answer is returned', async () => {
      const store = await newStore();
      const seen: (OtpState | undefined)[] = [];
      const bump = (s: OtpState | undefined) => {
        seen.push(s);
        const failures = (s?.failures ?? 0) + 1;
        return { next: [{ id: 'U10001', failures }], result: failures };
      };
      // Which of three concurrent changes runs first is the database's choice; what must hold is that
      // each sees the previous one's result (no lost update): the answers are 1, 2 and 3 in some order.
      const answers = await Promise.all([store.change(['U10001'], ([s]) => bump(s)), store.change(['U10001'], ([s]) => bump(s)), store.change(['U10001'], ([s]) => bump(s))]);
      expect([...answers].sort()).toEqual([1, 2, 3]);
      expect(seen.map((s) => s?.failures)).toEqual([undefined, 1, 2]);
      expect(await store.change(['U10001'], () => ({ result: 'read only' }))).toBe('read only');
      expect(await store.get('U10001')).toEqual({ id: 'U10001', failures: 3 });
    });

    it('changes several rows in one step, each decision seeing the others\' writes (no lost update, no deadlock)', async () => {
      const store = await newStore();
      const bumpBoth = (ids: string[]) =>
        store.change(ids, (states) => ({
          next: states.map((s, i) => ({ id: ids[i], failures: (s?.failures ?? 0) + 1 })),
          result: states.map((s) => s?.failures ?? 0),
        }));
      // Overlapping rows taken in opposite orders at once: a store that locks in the given order would deadlock.
      await Promise.all([bumpBoth(['U10001', 'to:n1']), bumpBoth(['to:n1', 'U10001']), bumpBoth(['U10001', 'by:c1:U10001']), bumpBoth(['by:c1:U10001', 'to:n1'])]);
      expect((await store.get('U10001'))!.failures).toBe(3);
      expect((await store.get('to:n1'))!.failures).toBe(3);
      expect((await store.get('by:c1:U10001'))!.failures).toBe(2);
    });

    it('writes nothing when the decision writes nothing, and only the rows it returns', async () => {
      const store = await newStore();
      await store.put({ id: 'U10001', failures: 1 });
      expect(await store.change(['U10001', 'to:n1'], ([a]) => ({ next: [{ ...a!, failures: 5 }], result: 'one' }))).toBe('one');
      expect(await store.get('to:n1')).toBeUndefined();
      expect((await store.get('U10001'))!.failures).toBe(5);
    });

    it('forgets only rows idle since before the cut that hold no live code or running lock', async () => {
      const store = await newStore();
      const cut = T0 + 60 * MIN;
      await store.put({ id: 'to:idle', failures: 0, sentAt: [T0], updatedAt: T0 });
      await store.put({ id: 'by:idle:U10001', failures: 2, updatedAt: T0 });
      await store.put({ id: 'by:locked:U10001', failures: 3, lockedUntil: cut + 1, updatedAt: T0 });
      await store.put({ id: 'U10001', failures: 0, codeHash: 'ab'.repeat(32), expiresAt: cut + 1, updatedAt: T0 });
      await store.put({ id: 'to:recent', failures: 0, updatedAt: cut });
      expect(await store.forgetIdle(cut)).toBe(2);
      expect(await store.get('to:idle')).toBeUndefined();
      expect(await store.get('by:idle:U10001')).toBeUndefined();
      for (const kept of ['by:locked:U10001', 'U10001', 'to:recent']) expect(await store.get(kept)).toBeDefined();
    });

    it('keeps each account apart', async () => {
      const store = await newStore();
      await store.put({ id: 'U10001', failures: 1 });
      await store.put({ id: 'U10002', failures: 2, lockedUntil: T0 });
      expect((await store.get('U10001'))!.failures).toBe(1);
      expect((await store.get('U10002'))!.lockedUntil).toBe(T0);
    });

    it('counts the distinct accounts one caller asked about within the window', async () => {
      const store = await newStore();
      const since = T0 - 15 * MIN;
      expect(await store.noteLookup('+8613811112222', 'U10001', T0, since)).toBe(1);
      expect(await store.noteLookup('+8613811112222', 'U10001', T0 + 1, since)).toBe(1);
      expect(await store.noteLookup('+8613811112222', 'U10002', T0 + 2, since)).toBe(2);
      expect(await store.noteLookup('+8613811112222', 'E20001', T0 + 3, since)).toBe(3);
    });

    it('keeps callers apart when counting lookups', async () => {
      const store = await newStore();
      await store.noteLookup('+8613811112222', 'U10001', T0, T0 - 15 * MIN);
      await store.noteLookup('+8613811112222', 'U10002', T0, T0 - 15 * MIN);
      expect(await store.noteLookup('+8613933334444', 'U10001', T0, T0 - 15 * MIN)).toBe(1);
    });

    it('stops counting lookups older than the window', async () => {
      const store = await newStore();
      await store.noteLookup('+8613811112222', 'U10001', T0, T0 - 15 * MIN);
      await store.noteLookup('+8613811112222', 'U10002', T0 + 1 * MIN, T0 + 1 * MIN - 15 * MIN);
      const later = T0 + 16 * MIN;
      expect(await store.noteLookup('+8613811112222', 'E20001', later, later - 15 * MIN)).toBe(2);
    });

    it('renews an account asked about again, so it counts for a new window', async () => {
      const store = await newStore();
      await store.noteLookup('+8613811112222', 'U10001', T0, T0 - 15 * MIN);
      const later = T0 + 20 * MIN;
      expect(await store.noteLookup('+8613811112222', 'U10001', later, later - 15 * MIN)).toBe(1);
    });
  });
}
