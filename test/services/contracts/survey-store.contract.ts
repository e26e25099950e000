import { decideReply } from '../../../src/services/survey/reply-rules';
import { parseSmsReply } from '../../../src/services/survey/sms-reply';
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

    /** The SMS `body` from Zhang with id `sid`, decided by the real rules. */
    const reply = (store: SurveyStore, sid: string, body: string, at = T0 + 60_000) =>
      store.answer({ messageSid: sid, phone: '+8613800138000', at }, (seen) => decideReply(parseSmsReply(body), seen, at));

    it('records a reply once per MessageSid: a second delivery decides nothing and changes nothing', async () => {
      const store = await newStore();
      await store.insert(aSurvey());
      expect(await reply(store, 'SM1', '很满意')).toMatchObject({ kind: 'comment', callSid: 'CA1', answer: '感谢您的宝贵意见，我们会认真改进。' });
      let decided = 0;
      const again = await store.answer({ messageSid: 'SM1', phone: '+8613800138000', at: T0 + 120_000 }, (seen) => (decided++, decideReply(parseSmsReply('很满意'), seen, T0)));
      expect(again).toBeUndefined();
      expect(decided).toBe(0);
      expect(await store.get('CA1')).toEqual(aSurvey({ comment: '很满意', commentedAt: T0 + 60_000, thankedAt: T0 + 60_000 }));
    });

    it('shows the decision the newest survey of the number and its opt-out, and stores what it changes', async () => {
      const store = await newStore();
      await store.insert(aSurvey({ callSid: 'CA1', createdAt: T0 - 60_000 }));
      await store.insert(aSurvey({ callSid: 'CA2', createdAt: T0 }));
      const seen: unknown[] = [];
      await store.answer({ messageSid: 'SM1', phone: '+8613800138000', at: T0 + 1 }, (s) => (seen.push(s), decideReply(parseSmsReply('4'), s, T0 + 1)));
      expect(seen).toEqual([{ latest: aSurvey({ callSid: 'CA2', createdAt: T0 }), optedOut: false }]);
      expect((await store.get('CA2'))?.rating).toBe(4);

      expect(await reply(store, 'SM2', '退订')).toMatchObject({ kind: 'optOut', optOut: '退订' });
      expect(await store.isOptedOut('+8613800138000')).toBe(true);
      expect(await reply(store, 'SM3', 'TD')).toEqual({ kind: 'optOut', callSid: 'CA2' });
      expect(await reply(store, 'SM4', '订阅')).toMatchObject({ kind: 'optIn', optIn: true });
      expect(await store.isOptedOut('+8613800138000')).toBe(false);
    });

    it('lets three replies from one number at once each see the one before: every comment kept, one thanks', async () => {
      const store = await newStore();
      await store.insert(aSurvey());
      const decisions = await Promise.all(['一', '二', '三'].map((text, i) => reply(store, `SM${i}`, text)));
      expect(decisions.filter((d) => d?.answer !== undefined)).toHaveLength(1);
      const comment = (await store.get('CA1'))?.comment ?? '';
      expect(comment.split('\n').sort()).toEqual(['一', '三', '二'].sort());
    });

    it('decides one of two deliveries of the same SMS at once', async () => {
      const store = await newStore();
      await store.insert(aSurvey());
      const decisions = await Promise.all([reply(store, 'SM1', '5'), reply(store, 'SM1', '5')]);
      expect(decisions.filter((d) => d !== undefined)).toHaveLength(1);
    });
  });
}
