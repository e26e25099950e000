import { appendComment, decideReply, SURVEY_REPLY_WINDOW_MS } from '../../../src/services/survey/reply-rules';
import { parseSmsReply } from '../../../src/services/survey/sms-reply';
import type { Survey } from '../../../src/services/survey/survey.schema';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const survey = (over: Partial<Survey> = {}): Survey => ({ callSid: 'CA1', phone: '+8613800138000', hotline: 'general', lang: 'zh-CN', smsKey: 'CA1/survey', createdAt: T0, ...over });
const decide = (body: string, seen: { latest?: Survey; optedOut?: boolean }, at = T0 + 60_000) => decideReply(parseSmsReply(body), { optedOut: false, ...seen }, at);

describe('what a reply to the survey does', () => {
  it('rates the survey and thanks for it the first time', () => {
    expect(decide('5', { latest: survey() })).toEqual({
      kind: 'rating',
      callSid: 'CA1',
      rating: 5,
      answer: '感谢您的评价，祝您生活愉快！',
      survey: survey({ rating: 5, ratedAt: T0 + 60_000, thankedAt: T0 + 60_000 }),
    });
  });

  it('records a later answer to a thanked survey without thanking again', () => {
    const d = decide('客服很好', { latest: survey({ thankedAt: T0 + 1 }) });
    expect(d).toMatchObject({ kind: 'comment', survey: { comment: '客服很好', thankedAt: T0 + 1 } });
    expect(d).not.toHaveProperty('answer');
  });

  it('records but never thanks an answer from a number that opted out', () => {
    const d = decide('4', { latest: survey(), optedOut: true });
    expect(d).toMatchObject({ kind: 'rating', rating: 4 });
    expect(d).not.toHaveProperty('answer');
    expect(d.survey).not.toHaveProperty('thankedAt');
  });

  it('ignores a rating one minute past the 7-day window, and takes one at its end', () => {
    expect(decide('5', { latest: survey() }, T0 + SURVEY_REPLY_WINDOW_MS + 60_000)).toEqual({ kind: 'late', callSid: 'CA1' });
    expect(decide('5', { latest: survey() }, T0 + SURVEY_REPLY_WINDOW_MS)).toMatchObject({ kind: 'rating' });
  });

  it('opts out and back in at any time, confirming only a change, and never a word Twilio answers', () => {
    const old = survey();
    const late = T0 + 30 * SURVEY_REPLY_WINDOW_MS;
    expect(decide('退订', { latest: old }, late)).toEqual({ kind: 'optOut', callSid: 'CA1', optOut: '退订', answer: '您已退订满意度评价短信，今后不再发送。' });
    expect(decide('TD', { latest: old, optedOut: true }, late)).toEqual({ kind: 'optOut', callSid: 'CA1' });
    expect(decide('STOP', {})).toEqual({ kind: 'optOut', optOut: 'STOP' });
    expect(decide('订阅', { latest: old, optedOut: true })).toEqual({ kind: 'optIn', callSid: 'CA1', optIn: true, answer: '您已恢复接收满意度评价短信，回复TD可随时退订。' });
    expect(decide('订阅', { latest: old })).toEqual({ kind: 'optIn', callSid: 'CA1' });
    expect(decide('START', { optedOut: true })).toEqual({ kind: 'optIn', optIn: true });
  });

  it('answers nothing to a number never surveyed, nor to an empty text', () => {
    expect(decide('5', {})).toEqual({ kind: 'no-survey' });
    expect(decide('退订', {})).toEqual({ kind: 'optOut', optOut: '退订' });
    expect(decide('订阅', { optedOut: true })).toEqual({ kind: 'optIn', optIn: true });
    expect(decide(' ', { latest: survey() })).toEqual({ kind: 'empty' });
  });
});

describe('keeping a caller’s comments to 500 characters', () => {
  it('joins replies on lines and cuts what passes 500 characters with a mark', () => {
    expect(appendComment(undefined, '一')).toBe('一');
    expect(appendComment('一', '二')).toBe('一\n二');
    expect(appendComment(undefined, 'a'.repeat(500))).toBe('a'.repeat(500));
    expect(appendComment(undefined, 'a'.repeat(501))).toBe(`${'a'.repeat(499)}…`);
    expect(appendComment(`${'a'.repeat(499)}…`, 'more')).toBe(`${'a'.repeat(499)}…`);
  });

  it('counts characters, not UTF-16 units, so an emoji is never cut in half', () => {
    const cut = appendComment(undefined, '😀'.repeat(600));
    expect(Array.from(cut)).toHaveLength(500);
    expect(cut).toBe(`${'😀'.repeat(499)}…`);
  });
});
