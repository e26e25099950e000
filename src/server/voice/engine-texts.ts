import type { Language } from '../../flow/schema/prompt.schema';

/**
 * What the engine itself says when no flow can: a fault, an unknown number, a queue position.
 * Flows say everything else through their prompt catalogues.
 */
export const ENGINE_TEXTS: Readonly<
  Record<Language, { sorryTransfer: string; sorryGoodbye: string; notInService: string; queuePosition: (position: number) => string; holding: string }>
> = {
  'zh-CN': {
    sorryTransfer: '抱歉，系统暂时出现问题，正在为您转接人工客服，请稍候。',
    sorryGoodbye: '抱歉，系统暂时出现问题，请稍后再拨。感谢来电，再见。',
    notInService: '您拨打的号码暂未开通服务，请核对后再拨。',
    queuePosition: (n) => (n <= 1 ? '您是下一位，客服马上为您服务。' : `您前面还有${n - 1}位客户，请耐心等候。`),
    holding: '感谢您的耐心等待，客服将尽快为您服务。',
  },
  'en-US': {
    sorryTransfer: 'Sorry, something went wrong on our side. Connecting you to an agent, please hold.',
    sorryGoodbye: 'Sorry, something went wrong on our side. Please call again later. Goodbye.',
    notInService: 'The number you have dialled is not in service. Please check the number and try again.',
    queuePosition: (n) => (n <= 1 ? 'You are next in line; an agent will be with you shortly.' : `You are number ${n} in the queue. Thank you for holding.`),
    holding: 'Thank you for holding; an agent will be with you as soon as possible.',
  },
};
