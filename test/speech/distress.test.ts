import { isDistressed } from '../../src/speech/distress';
import { shippedLexicon } from './lexicons';

const zh = shippedLexicon('zh-CN');
const en = shippedLexicon('en-US');

describe('isDistressed: callers whose transfer or ticket goes up a step', () => {
  it.each(['我要投诉你们', '你们太慢了！', '我很着急', '气死我了', '你们是骗子吧', '受 不 了'])('hears distress in "%s"', (said) => {
    expect(isDistressed(said, zh, 'zh-CN')).toBe(true);
  });

  it.each(['我想查一下订单', '账号登录不上', ''])('hears none in "%s"', (said) => {
    expect(isDistressed(said, zh, 'zh-CN')).toBe(false);
  });

  it.each(['This is ridiculous', "I'm FURIOUS", 'I need this urgently', 'I want to make a complaint', 'I complained last week'])(
    'hears distress in "%s"',
    (said) => {
      expect(isDistressed(said, en, 'en-US')).toBe(true);
    },
  );

  it.each(['I am hangry', 'check my order please', 'um'])('hears none in "%s" (whole words only)', (said) => {
    expect(isDistressed(said, en, 'en-US')).toBe(false);
  });
});
