import { sayDigits } from '../../flow/prompts/render-prompt';
import type { Language } from '../../flow/schema/prompt.schema';

/** "20481736" → "2048 1736": how a ticket number is written for a customer to note down. */
const grouped = (id: string) => id.replace(/^(\d{4})(\d{4})$/, '$1 $2');

/** What the customer hears and reads about their call back. */
export const CALLBACK_TEXTS = {
  /** Spoken first when they answer: who calls, about which ticket, and that a person is coming. */
  announce: (lang: Language, line: string, ticketId: string, category: string) =>
    lang === 'zh-CN'
      ? `您好，这里是${line}客服，就您的工单 ${sayDigits(ticketId)}（${category}）给您回电，正在为您接通客服人员，请稍候。`
      : `Hello, this is ${line} customer service calling you back about your ticket ${sayDigits(ticketId)} (${category}). We are putting you through to an agent, please hold.`,
  /** Left on a voicemail (AnsweredBy machine_*): who called and that we will try again. */
  voicemail: (lang: Language, line: string, ticketId: string) =>
    lang === 'zh-CN'
      ? `您好，这里是${line}客服，就您的工单 ${sayDigits(ticketId)} 给您回电未能接通，我们稍后会再次致电。`
      : `Hello, this is ${line} customer service returning your call about ticket ${sayDigits(ticketId)}. We could not reach you and will try again shortly.`,
  /** Waiting for the agent. */
  holding: (lang: Language) => (lang === 'zh-CN' ? '客服人员马上就到，请不要挂机。' : 'An agent will be with you shortly, please stay on the line.'),
  /** The answer URL failed: an apology, then a person all the same. */
  sorry: (lang: Language) => (lang === 'zh-CN' ? '抱歉，系统出现问题，正在为您转接客服人员。' : 'Sorry, something went wrong on our side. Putting you through to an agent.'),
  goodbye: (lang: Language) => (lang === 'zh-CN' ? '感谢您的耐心，再见。' : 'Thank you for your patience. Goodbye.'),
  /** Texted once when every call went unanswered; the ticket stays open for a person. */
  missedSms: (lang: Language, ticketId: string, attempts: number) =>
    lang === 'zh-CN'
      ? `【客服热线】我们就工单${grouped(ticketId)}给您回电${attempts}次未能接通。工单仍在处理中，客服人员会继续跟进；您也可随时来电并提供工单号。`
      : `[Hotline] We called you ${attempts} times about ticket ${grouped(ticketId)} and could not reach you. The ticket stays open and an agent will follow up; you can also call us with the ticket number.`,
  /** A system fault still being worked on (every `progressEveryMinutes`). */
  progressSms: (lang: Language, ticketId: string) =>
    lang === 'zh-CN'
      ? `【客服热线】您反映的系统故障（工单${grouped(ticketId)}）仍在紧急处理中，恢复后我们会第一时间通知您。`
      : `[Hotline] The system fault you reported (ticket ${grouped(ticketId)}) is still being worked on. We will tell you as soon as it is fixed.`,
};
