import type { Language } from '../../flow/schema/prompt.schema';
import type { Reply } from '../../telephony/reply';
import type { WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { ENGINE_TEXTS } from './engine-texts';

/** Put the caller in `queue`: one Twilio queue per skill; the wait and the leaving are ours. */
export function enqueue(queue: string, lang: Language, urls: WebhookUrls): Reply['next'] {
  return { kind: 'enqueue', queue, waitUrl: urls.queueWait(lang, queue), action: urls.queueLeft(lang, queue) };
}

/** What Twilio tells the wait URL about the caller's place (its QueuePosition and AvgQueueTime). */
export type QueueStanding = { position?: number; avgWaitSec?: number };

/**
 * What a caller waiting for an agent hears, again each time it ends: their place, the estimated
 * wait, the offer of a call back instead (press 1, any time during the music), then hold music.
 * The estimate is Twilio's average time in this queue, in whole minutes; it is left out for the
 * caller next in line or when the queue has no average yet.
 */
export function queueWaitReply(lang: Language, queue: string, standing: QueueStanding, holdMusicUrl: string, urls: WebhookUrls): Reply {
  const t = ENGINE_TEXTS[lang];
  const { position, avgWaitSec } = standing;
  const estimate = position && position > 1 && avgWaitSec && avgWaitSec > 0 ? [{ lang, text: t.queueEstimate(Math.max(1, Math.round(avgWaitSec / 60))) }] : [];
  return {
    prompts: [{ lang, text: position ? t.queuePosition(position) : t.holding }, ...estimate, { lang, text: t.callbackOffer }, { lang, audio: holdMusicUrl }],
    next: {
      kind: 'gather',
      spec: { kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: 1, sensitive: false },
      action: urls.queueCallback(lang, queue),
      onSilence: 'continue',
    },
  };
}

/** The caller asked for a call back: out of the queue; the queue's action says the rest. */
export function leaveQueueReply(): Reply {
  return { prompts: [], next: { kind: 'leave' } };
}

/** A key other than 1, or the call back could not be booked: back to the wait (the place is kept). */
export function keepWaitingReply(lang: Language, queue: string, urls: WebhookUrls, sorry: boolean): Reply {
  return { prompts: sorry ? [{ lang, text: ENGINE_TEXTS[lang].callbackFailed }] : [], next: { kind: 'redirect', url: urls.queueWait(lang, queue) } };
}

/** Out of the queue with a call back booked: its number and promise, and goodbye. */
export function callbackBookedReply(lang: Language, callback: { id: string; slaMinutes: number }, queueUnavailable = false): Reply {
  const t = ENGINE_TEXTS[lang];
  return {
    prompts: [...(queueUnavailable ? [{ lang, text: t.queueUnavailable }] : []), { lang, text: t.callbackBooked(callback.id, callback.slaMinutes) }, { lang, text: t.goodbye }],
    next: { kind: 'hangup' },
  };
}
