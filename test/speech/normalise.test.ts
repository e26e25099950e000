import { normalise } from '../../src/speech/normalise';

describe('normalise: what the recogniser wrote, made comparable', () => {
  it('turns full-width letters and digits half-width; punctuation parts words like a space', () => {
    expect(normalise('我的ＡＰＰ账号是１３８，对吗？', 'zh-CN')).toBe('我的app账号是138 对吗');
  });

  it('joins Chinese characters the cmn recogniser spaced out, keeping spaces around Latin words', () => {
    expect(normalise('我 的 账 号  登 录 不 了', 'zh-CN')).toBe('我的账号登录不了');
    expect(normalise('我 的 app 账 号', 'zh-CN')).toBe('我的 app 账号');
  });

  it('drops Chinese punctuation of every kind', () => {
    expect(normalise('“转人工”……好吗！、《客服》', 'zh-CN')).toBe('转人工好吗客服');
  });

  it('lower-cases English and collapses whitespace; apostrophes join the word', () => {
    expect(normalise("  It's   MY Order!!  ", 'en-US')).toBe('its my order');
  });

  it('drops Chinese fillers wherever they are, longest first', () => {
    expect(normalise('嗯，那个，电商', 'zh-CN', ['嗯', '那个', '呃', '啊'])).toBe('电商');
    expect(normalise('呃我想问一下啊订单', 'zh-CN', ['呃', '啊'])).toBe('我想问一下订单');
  });

  it('drops English fillers only as whole words: "number" keeps its "um"', () => {
    expect(normalise('Um, uh, my number is, um, one two', 'en-US', ['um', 'uh', 'er'])).toBe('my number is one two');
    expect(normalise('er the server error', 'en-US', ['er'])).toBe('the server error');
  });

  it('keeps digits and leaves nothing but spaces-free emptiness for pure noise', () => {
    expect(normalise('138 0013 8000', 'en-US')).toBe('138 0013 8000');
    expect(normalise('……？！ 😀', 'zh-CN')).toBe('');
    expect(normalise('嗯嗯', 'zh-CN', ['嗯'])).toBe('');
  });
});
