import type { QaStore } from '../../../src/stores/qa/qa-store';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const MIN = 60_000;
const mark = (callSid: string, markedAt: number, agent = 'agent-li') => ({ callSid, hotline: 'general', agent, markedAt });

/** What every QaStore must do. */
export function qaStoreContract(name: string, make: MakeStore<QaStore>) {
  describe(`QaStore contract: ${name}`, () => {
    const newStore = fixtures(make);

    it('marks a call once: a retried or second server\'s mark keeps the first', async () => {
      const store = await newStore();
      await store.mark(mark('CA1', T0));
      await store.mark(mark('CA1', T0 + MIN, 'agent-wang'));
      expect(await store.get('CA1')).toEqual({ ...mark('CA1', T0), review: null });
      expect(await store.get('CA2')).toBeUndefined();
      expect(await store.list({ limit: 10 })).toHaveLength(1);
    });

    it('lists newest mark first, pages, and filters reviewed from unreviewed', async () => {
      const store = await newStore();
      for (let i = 1; i <= 5; i++) await store.mark(mark(`CA${i}`, T0 + i * MIN));
      const review = { score: 4, note: 'greeted, verified, solved', reviewer: 'qa-zhou', reviewedAt: T0 + 10 * MIN };
      expect(await store.review('CA2', review)).toEqual({ ...mark('CA2', T0 + 2 * MIN), review });
      expect((await store.list({ limit: 10 })).map((e) => e.callSid)).toEqual(['CA5', 'CA4', 'CA3', 'CA2', 'CA1']);
      expect((await store.list({ limit: 2, offset: 2 })).map((e) => e.callSid)).toEqual(['CA3', 'CA2']);
      expect((await store.list({ reviewed: true, limit: 10 })).map((e) => e.callSid)).toEqual(['CA2']);
      expect((await store.list({ reviewed: false, limit: 10 })).map((e) => e.callSid)).toEqual(['CA5', 'CA4', 'CA3', 'CA1']);
      expect((await store.list({ reviewed: true, limit: 10 }))[0].review).toEqual(review);
    });

    it('replaces a review with a later one, and refuses to review a call that is not marked', async () => {
      const store = await newStore();
      await store.mark(mark('CA1', T0));
      await store.review('CA1', { score: 2, note: '', reviewer: 'qa-zhou', reviewedAt: T0 + MIN });
      const second = { score: 5, note: 'on second listen: fine', reviewer: 'qa-lead', reviewedAt: T0 + 2 * MIN };
      expect((await store.review('CA1', second))?.review).toEqual(second);
      expect((await store.get('CA1'))?.review).toEqual(second);
      expect(await store.review('CA9', second)).toBeUndefined();
      expect(await store.get('CA9')).toBeUndefined();
    });

    it('forgets the marks and reviews of purged calls', async () => {
      const store = await newStore();
      await store.mark(mark('CA1', T0));
      await store.mark(mark('CA2', T0));
      await store.review('CA1', { score: 3, note: 'ok', reviewer: 'qa-zhou', reviewedAt: T0 });
      expect(await store.forgetCalls(['CA1', 'CA3'])).toBe(1);
      expect(await store.forgetCalls([])).toBe(0);
      expect(await store.get('CA1')).toBeUndefined();
      expect((await store.list({ limit: 10 })).map((e) => e.callSid)).toEqual(['CA2']);
    });
  });
}
