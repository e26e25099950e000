import { parseSmsReply } from '../../../src/services/survey/sms-reply';

describe('reading a caller’s SMS reply to the survey', () => {
  it.each([
    ['5', 5],
    ['1', 1],
    [' 3 ', 3],
    ['５', 5],
    ['4分', 4],
    ['５ 分', 5],
  ])('takes %j as the rating %i', (body, rating) => {
    expect(parseSmsReply(body)).toEqual({ kind: 'rating', rating });
  });

  it.each([
    ['STOP', 'STOP', 'en-US', true],
    ['stop', 'STOP', 'en-US', true],
    ['Stop.', 'STOP', 'en-US', true],
    ['ＳＴＯＰ', 'STOP', 'en-US', true],
    ['unsubscribe', 'UNSUBSCRIBE', 'en-US', true],
    ['quit', 'QUIT', 'en-US', true],
    ['TD', 'TD', 'zh-CN', false],
    ['td', 'TD', 'zh-CN', false],
    ['退订', '退订', 'zh-CN', false],
    ['退订！', '退订', 'zh-CN', false],
  ])('takes %j as opting out (%s, %s, answered by Twilio: %s)', (body, word, lang, byTwilio) => {
    expect(parseSmsReply(body)).toEqual({ kind: 'optOut', word, lang, byTwilio });
  });

  it.each([
    ['START', 'START', 'en-US', true],
    ['unstop', 'UNSTOP', 'en-US', true],
    ['Start!', 'START', 'en-US', true],
    ['订阅', '订阅', 'zh-CN', false],
  ])('takes %j as opting back in (%s, %s, answered by Twilio: %s)', (body, word, lang, byTwilio) => {
    expect(parseSmsReply(body)).toEqual({ kind: 'optIn', word, lang, byTwilio });
  });

  it.each(['6', '0', '55', '5 stars', '客服态度很好，问题解决得很快', 'please stop calling me', 'yes', 'start over'])('keeps %j as a comment, as typed', (body) => {
    expect(parseSmsReply(body)).toEqual({ kind: 'comment', text: body });
  });

  it('ignores an empty reply', () => {
    expect(parseSmsReply('  \n')).toEqual({ kind: 'empty' });
  });
});
