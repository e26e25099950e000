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
    ['STOP', 'en-US'],
    ['stop', 'en-US'],
    ['Stop.', 'en-US'],
    ['ＳＴＯＰ', 'en-US'],
    ['unsubscribe', 'en-US'],
    ['TD', 'zh-CN'],
    ['td', 'zh-CN'],
    ['退订', 'zh-CN'],
    ['退订！', 'zh-CN'],
  ])('takes %j as opting out (%s)', (body, lang) => {
    expect(parseSmsReply(body)).toEqual({ kind: 'optOut', lang });
  });

  it.each(['6', '0', '55', '5 stars', '客服态度很好，问题解决得很快', 'please stop calling me'])('keeps %j as a comment, as typed', (body) => {
    expect(parseSmsReply(body)).toEqual({ kind: 'comment', text: body });
  });

  it('ignores an empty reply', () => {
    expect(parseSmsReply('  \n')).toEqual({ kind: 'empty' });
  });
});
