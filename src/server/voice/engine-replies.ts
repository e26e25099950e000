import type { Language } from '../../flow/schema/prompt.schema';
import type { Reply } from '../../telephony/reply';
import type { WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { ENGINE_QUEUE } from '../../call-centre/call-centre';
import { ENGINE_TEXTS } from './engine-texts';
import { enqueue } from './queue-replies';

/** The queue every line can fall back to when the engine cannot serve a call (queues.yaml must have it). */
export const FALLBACK_QUEUE = ENGINE_QUEUE;

/**
 * The engine failed this turn: apologise in the call's language and put the caller through to a
 * person while the line is staffed, or say goodbye when it is not.
 */
export function faultReply(lang: Language, lineOpen: boolean, urls: WebhookUrls): Reply {
  const t = ENGINE_TEXTS[lang];
  return lineOpen
    ? { prompts: [{ lang, text: t.sorryTransfer }], next: enqueue(FALLBACK_QUEUE, lang, urls) }
    : { prompts: [{ lang, text: t.sorryGoodbye }], next: { kind: 'hangup' } };
}

/** Nobody answers this number here: said in every language, since no hotline tells which. */
export function notInServiceReply(): Reply {
  return {
    prompts: (Object.keys(ENGINE_TEXTS) as Language[]).map((lang) => ({ lang, text: ENGINE_TEXTS[lang].notInService })),
    next: { kind: 'hangup' },
  };
}

/** A request that is not the call's next turn: go back to the latest answer, which is stored. */
export function backToTurn(n: number, urls: WebhookUrls): Reply {
  return { prompts: [], next: { kind: 'redirect', url: urls.turn(n) } };
}
