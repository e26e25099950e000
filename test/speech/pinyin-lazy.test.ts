import type { Listen } from '../../src/speech/hearing';
import { shippedLexicon } from './lexicons';

const menu: Listen = { mode: 'choice', intents: ['person'], options: [{ key: '1', phrases: ['账号', '登录'] }] };

describe('the pinyin dictionary stays out of server start', () => {
  it('is loaded only when a Chinese caller says something that matches nothing literally', () => {
    jest.isolateModules(() => {
      let loads = 0;
      jest.doMock('pinyin-pro', () => {
        loads += 1;
        return jest.requireActual('pinyin-pro');
      });
      const { understand } = jest.requireActual<typeof import('../../src/speech/understand')>('../../src/speech/understand');
      const zh = shippedLexicon('zh-CN');
      const hear = (text: string) => understand({ text, confidence: 0.9 }, menu, zh, 'zh-CN', { minConfidence: 0.5 });

      expect(hear('我的账号')).toEqual({ kind: 'choice', choice: '1' });
      expect(hear('转人工')).toEqual({ kind: 'choice', choice: 'person' });
      expect(loads).toBe(0);
      expect(hear('帐号登陆不了')).toEqual({ kind: 'choice', choice: '1' });
      expect(loads).toBe(1);
    });
  });
});
