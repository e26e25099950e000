import { sayDigits } from '../flow/prompts/render-prompt';
import type { Language } from '../flow/schema/prompt.schema';
import type { Priority } from '../flow/runtime/turn';
import type { CallerBrief } from './caller-brief';
import type { QueueConfig } from '../call-centre/queue.schema';

const LANGUAGE_NAMES: Readonly<Record<Language, Record<Language, string>>> = {
  'zh-CN': { 'zh-CN': '普通话', 'en-US': '英语' },
  'en-US': { 'zh-CN': 'Mandarin', 'en-US': 'English' },
};

/** What the agent desk says to agents, in the agent's first language. */
export const DESK_TEXTS: Readonly<Record<Language, { notAnAgent: string; nobodyWaiting: string; deskDown: string }>> = {
  'zh-CN': { notAnAgent: '此号码未登记为坐席，再见。', nobodyWaiting: '目前没有客户在等候，请稍后再拨。', deskDown: '抱歉，暂时无法读取排队情况，请稍后再拨。' },
  'en-US': { notAnAgent: 'This phone is not registered as an agent. Goodbye.', nobodyWaiting: 'No callers are waiting for you right now. Please call again later.', deskDown: 'Sorry, the queues cannot be read just now. Please call again later.' },
};

const PRIORITY_NAMES: Readonly<Record<Language, Record<Priority, string>>> = {
  'zh-CN': { normal: '普通', high: '高', urgent: '紧急' },
  'en-US': { normal: 'normal', high: 'high', urgent: 'urgent' },
};

/**
 * The screen-pop's note on a caller who sounded distressed, in `lang`: with the priority their
 * transfer went to (already raised), or, before any transfer, that it will be raised.
 */
export function distressNote(lang: Language, priority?: Priority): string {
  if (lang === 'zh-CN') return `来电者情绪激动或焦急（投诉、不满、催促），${priority ? `优先级已提升为“${PRIORITY_NAMES[lang][priority]}”` : '转人工和工单的优先级将提升一级'}。`;
  return `The caller sounded upset or urgent (complaint, anger, hurry); ${priority ? `priority raised to ${PRIORITY_NAMES[lang][priority]}` : 'their transfer and tickets go one priority step up'}.`;
}

/**
 * The whisper before the bridge, short: who is coming, e.g. "紧急，客户情绪激动，已验证账号，账号被盗或资金异常，
 * 工单 2 0 4 8 1 7 3 6，普通话". The ticket number is read digit by digit; a distressed caller is
 * announced right after the queue's class, so the agent greets them knowing it. Why they called is the
 * ticket's summary for a Chinese-speaking agent (the flows write summaries in Chinese), its
 * category's name in the agent's language otherwise, and the queue's name without a ticket.
 */
export function whisper(brief: CallerBrief, queue: Pick<QueueConfig, 'id' | 'name' | 'class'>, lang: Language, categoryName?: Partial<Record<Language, string>>): string {
  const zh = lang === 'zh-CN';
  const reason = (zh ? brief.reason : categoryName?.[lang]) ?? brief.reason;
  const parts = [
    ...(queue.class === 'emergency' ? [zh ? '紧急' : 'Emergency'] : queue.class === 'vip' ? [zh ? '贵宾' : 'VIP'] : []),
    ...(brief.distressed ? [zh ? '客户情绪激动' : 'caller sounds upset'] : []),
    brief.verified ? (zh ? '已验证账号' : 'verified account') : zh ? '未验证账号' : 'account not verified',
    reason ?? queue.name[lang] ?? queue.id,
    ...(brief.ticketId ? [zh ? `工单 ${sayDigits(brief.ticketId)}` : `ticket ${sayDigits(brief.ticketId)}`] : []),
    ...(brief.lang ? [LANGUAGE_NAMES[lang][brief.lang]] : []),
  ];
  return parts.join(zh ? '，' : ', ') + (zh ? '。' : '.');
}
