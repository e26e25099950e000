import { sayDigits, sayDuration } from '../../flow/prompts/render-prompt';
import type { Language } from '../../flow/schema/prompt.schema';

/**
 * What the engine itself says when no flow can: a fault, an unknown number, a queue position.
 * Flows say everything else through their prompt catalogues.
 */
export const ENGINE_TEXTS: Readonly<
  Record<
    Language,
    {
      sorryTransfer: string;
      sorryGoodbye: string;
      /** A call whose state was lost (e.g. a cache restart) starts again at its line's first menu. */
      sorryStartAgain: string;
      notInService: string;
      queuePosition: (position: number) => string;
      holding: string;
      /** The wait in whole minutes, from Twilio's average time in the queue. */
      queueEstimate: (minutes: number) => string;
      callbackOffer: string;
      callbackBooked: (ticketId: string, slaMinutes: number) => string;
      callbackFailed: string;
      queueUnavailable: string;
      /** Taken out of the queue after its longest wait. */
      queueMaxWait: string;
      /** Taken out of the queue as it closes (the drain). */
      queueClosing: string;
      /** Into the overflow queue. */
      queueOverflow: string;
      /** The overflow's offer, after one of the three above. */
      callbackOfferNow: string;
      voicemailOffer: string;
      voicemailTaken: (ticketId: string, slaMinutes: number) => string;
      goodbye: string;
    }
  >
> = {
  'zh-CN': {
    sorryTransfer: '抱歉，系统暂时出现问题，正在为您转接人工客服，请稍候。',
    sorryGoodbye: '抱歉，系统暂时出现问题，请稍后再拨。感谢来电，再见。',
    sorryStartAgain: '抱歉，系统刚才出现问题，请您重新选择。',
    notInService: '您拨打的号码暂未开通服务，请核对后再拨。',
    queuePosition: (n) => (n <= 1 ? '您是下一位，客服马上为您服务。' : `您前面还有${n - 1}位客户，请耐心等候。`),
    holding: '感谢您的耐心等待，客服将尽快为您服务。',
    queueEstimate: (m) => `预计等待约${m}分钟。`,
    callbackOffer: '如不想继续等待，请按1，我们将尽快给您回电。',
    callbackBooked: (id, sla) => `已为您登记回电，编号是${sayDigits(id)}，编号已通过短信发给您。我们将在${sayDuration(String(sla), 'zh-CN')}内给您回电。`,
    callbackFailed: '抱歉，暂时无法为您登记回电，请继续等候。',
    queueUnavailable: '抱歉，目前坐席繁忙，暂时无法为您排队。',
    queueMaxWait: '抱歉让您久等了，目前坐席仍然繁忙。',
    queueClosing: '人工服务时间已结束，很抱歉今天未能为您接通。',
    queueOverflow: '正在为您转接其他客服团队，请稍候。',
    callbackOfferNow: '如需我们给您回电，请按1。',
    voicemailOffer: '请在提示音后留言，说明您的问题，按井号键结束。',
    voicemailTaken: (id, sla) => `您的留言已收到，工单号是${sayDigits(id)}，我们将在${sayDuration(String(sla), 'zh-CN')}内回复您。`,
    goodbye: '感谢您的来电，再见。',
  },
  'en-US': {
    sorryTransfer: 'Sorry, something went wrong on our side. Connecting you to an agent, please hold.',
    sorryGoodbye: 'Sorry, something went wrong on our side. Please call again later. Goodbye.',
    sorryStartAgain: 'Sorry, something went wrong on our side. Let us start again.',
    notInService: 'The number you have dialled is not in service. Please check the number and try again.',
    queuePosition: (n) => (n <= 1 ? 'You are next in line; an agent will be with you shortly.' : `You are number ${n} in the queue. Thank you for holding.`),
    holding: 'Thank you for holding; an agent will be with you as soon as possible.',
    queueEstimate: (m) => `The estimated wait is about ${m} minute${m === 1 ? '' : 's'}.`,
    callbackOffer: 'To get a call back instead of waiting, press 1.',
    callbackBooked: (id, sla) =>
      `We have booked a call back for you, reference number ${sayDigits(id)}, and texted it to you. We will call you back within ${sayDuration(String(sla), 'en-US')}.`,
    callbackFailed: 'Sorry, we could not book a call back just now. Please keep holding.',
    queueUnavailable: 'Sorry, all our agents are busy and we cannot hold your call right now.',
    queueMaxWait: 'Sorry to keep you waiting; all our agents are still busy.',
    queueClosing: 'Our agents have finished for the day; sorry we could not take your call.',
    queueOverflow: 'Transferring you to another team, please hold.',
    callbackOfferNow: 'To get a call back, press 1.',
    voicemailOffer: 'Please leave a message about your problem after the tone, then press the hash key.',
    voicemailTaken: (id, sla) => `We have your message, reference number ${sayDigits(id)}. We will reply within ${sayDuration(String(sla), 'en-US')}.`,
    goodbye: 'Thank you for calling. Goodbye.',
  },
};
