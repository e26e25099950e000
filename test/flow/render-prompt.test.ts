import { renderPrompt, sayDigits, sayDuration, sayTime } from '../../src/flow/prompts/render-prompt';

describe('how prompts are spoken', () => {
  it('reads a ticket number digit by digit', () => {
    expect(sayDigits('20261123')).toBe('2 0 2 6 1 1 2 3');
  });

  it('reads times and durations naturally in each language', () => {
    expect(sayTime('08:00')).toBe('8:00');
    expect(sayTime('24:00')).toBe('24:00');
    expect(sayDuration('15', 'zh-CN')).toBe('15分钟');
    expect(sayDuration('2880', 'zh-CN')).toBe('48小时');
    expect(sayDuration('1440', 'en-US')).toBe('24 hours');
    expect(sayDuration('60', 'en-US')).toBe('1 hour');
  });

  it('speaks a fixed-language part in its own language on an English call ("中文服务请按2")', () => {
    const spoken = renderPrompt([{ text: { 'en-US': 'For English, press 1.' } }, { fixed: 'zh-CN', text: '中文服务请按2。' }], 'en-US', {});
    expect(spoken).toEqual([
      { lang: 'en-US', text: 'For English, press 1.' },
      { lang: 'zh-CN', text: '中文服务请按2。' },
    ]);
  });

  it('fills variables with their formats', () => {
    const spoken = renderPrompt([{ text: { 'zh-CN': '工单号{id:digits}，{sla:duration}内回复' } }], 'zh-CN', { id: '1234', sla: '15' });
    expect(spoken).toEqual([{ lang: 'zh-CN', text: '工单号1 2 3 4，15分钟内回复' }]);
  });
});
