import type { SurveyStore } from '../../../src/services/survey/survey-store';
import type { Survey } from '../../../src/services/survey/survey.schema';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);

export function aSurvey(over: Partial<Survey> = {}): Survey {
  return { callSid: 'CA1', phone: '+8613800138000', hotline: 'general', lang: 'zh-CN', smsKey: 'CA1/survey', createdAt: T0, ...over };
}

/** What every SurveyStore must do. */
export function surveyStoreContract(name: string, make: MakeStore<SurveyStore>) {
  describe(`SurveyStore contract: ${name}`, () => {
    const newStore = fixtures(make);

    it('keeps one survey per call: a second insert is refused and changes nothing', async () => {
      const store = await newStore();
      expect(await store.insert(aSurvey())).toBe(true);
      expect(await store.insert(aSurvey({ lang: 'en-US' }))).toBe(false);
      expect(await store.get('CA1')).toEqual(aSurvey());
      expect(await store.get('CA2')).toBeUndefined();
    });

    it('finds the newest survey sent to a number', async () => {
      const store = await newStore();
      await store.insert(aSurvey({ callSid: 'CA1', createdAt: T0 }));
      await store.insert(aSurvey({ callSid: 'CA2', createdAt: T0 + 60_000 }));
      await store.insert(aSurvey({ callSid: 'CA3', createdAt: T0 + 120_000, phone: '+14155550100' }));
      expect((await store.latestFor('+8613800138000'))?.callSid).toBe('CA2');
      expect(await store.latestFor('+8613900139000')).toBeUndefined();
    });

    it('records a rating and a comment on a survey', async () => {
      const store = await newStore();
      await store.insert(aSurvey());
      await store.change('CA1', (s) => ({ ...s, rating: 4, ratedAt: T0 + 1 }));
      const got = await store.change('CA1', (s) => ({ ...s, comment: '很满意', commentedAt: T0 + 2 }));
      expect(got).toEqual(aSurvey({ rating: 4, ratedAt: T0 + 1, comment: '很满意', commentedAt: T0 + 2 }));
      expect(await store.get('CA1')).toEqual(got);
      expect(await store.change('CA9', (s) => s)).toBeUndefined();
    });

    it('remembers who opted out, once', async () => {
      const store = await newStore();
      expect(await store.isOptedOut('+8613800138000')).toBe(false);
      await store.optOut('+8613800138000', T0, '退订');
      await store.optOut('+8613800138000', T0 + 1, 'STOP');
      expect(await store.isOptedOut('+8613800138000')).toBe(true);
      expect(await store.isOptedOut('+14155550100')).toBe(false);
    });
  });
}
