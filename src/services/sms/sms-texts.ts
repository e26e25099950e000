import type { Language } from '../../flow/schema/prompt.schema';
import { sayDuration } from '../../flow/prompts/render-prompt';

/** The SMS the services write themselves (the flows write their own through `sms` nodes). */
export const SMS_TEXTS = {
  otp: (lang: Language, code: string) =>
    lang === 'zh-CN'
      ? `【客服热线】您的验证码是${code}，5分钟内有效。请勿告知他人，客服不会索要验证码。`
      : `[Hotline] Your verification code is ${code}. It expires in 5 minutes. Never share it; we will never ask for it.`,
  /** A ticket opened: the category's own text from ticket-categories.yaml when it has one. */
  ticket: (lang: Language, id: string, slaMinutes: number, own?: { text: string; category: string }) =>
    own
      ? own.text.replaceAll('{ticketId}', id).replaceAll('{sla}', sayDuration(String(slaMinutes), lang)).replaceAll('{category}', own.category)
      : lang === 'zh-CN'
      ? `【客服热线】您的工单已受理，工单号${id}，我们将在${sayDuration(String(slaMinutes), lang)}内回复处理进度。`
      : `[Hotline] Your ticket ${id} is open. We will reply within ${sayDuration(String(slaMinutes), lang)}.`,
  ticketResolved: (lang: Language, id: string, result: string) =>
    lang === 'zh-CN' ? `【客服热线】您的工单${id}已处理完毕。处理结果：${result}` : `[Hotline] Your ticket ${id} has been resolved: ${result}`,
};
