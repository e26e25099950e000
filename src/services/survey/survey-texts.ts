import type { Language } from '../../flow/schema/prompt.schema';

/** The survey SMS and the short thanks each kind of answer gets, per call language. */
export const SURVEY_TEXTS: Readonly<Record<Language, { ask: string; thanksRating: string; thanksComment: string; optedOut: string; optedIn: string }>> = {
  'zh-CN': {
    ask: '【客服热线】感谢您的来电。回复1-5评价本次服务（5为非常满意），回复其他内容可留下意见，回复TD退订。',
    thanksRating: '感谢您的评价，祝您生活愉快！',
    thanksComment: '感谢您的宝贵意见，我们会认真改进。',
    optedOut: '您已退订满意度评价短信，今后不再发送。',
    optedIn: '您已恢复接收满意度评价短信，回复TD可随时退订。',
  },
  'en-US': {
    ask: '[Hotline] Thank you for calling. Reply 1-5 to rate our service (5 = excellent), or reply with a comment. Reply STOP to opt out.',
    thanksRating: 'Thank you for your rating!',
    thanksComment: 'Thank you for your feedback; we will use it to improve.',
    optedOut: 'You will no longer receive satisfaction surveys from us.',
    optedIn: 'You will receive satisfaction surveys from us again. Reply STOP to opt out.',
  },
};
