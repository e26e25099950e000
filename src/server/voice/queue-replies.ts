import type { Language } from '../../flow/schema/prompt.schema';
import type { Reply } from '../../telephony/reply';
import type { WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { ENGINE_TEXTS } from './engine-texts';

/** Put the caller in `queue`: one Twilio queue per skill; the wait and the leaving are ours. `hop` 1: an overflow. */
export function enqueue(queue: string, lang: Language, urls: WebhookUrls, hop = 0): Reply['next'] {
  return { kind: 'enqueue', queue, waitUrl: urls.queueWait(lang, queue, hop), action: urls.queueLeft(lang, queue, hop) };
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

/** Why the engine took the caller out of the queue, as they hear it first. */
const LEFT_BECAUSE = { 'max-wait': 'queueMaxWait', full: 'queueUnavailable', closed: 'queueClosing' } as const;
export type OverflowCause = keyof typeof LEFT_BECAUSE;

/** Out of a queue into its overflow queue: why, then the wait there (one hop). */
export function overflowQueueReply(lang: Language, cause: OverflowCause, to: string, urls: WebhookUrls): Reply {
  const t = ENGINE_TEXTS[lang];
  return { prompts: [{ lang, text: t[LEFT_BECAUSE[cause]] }, { lang, text: t.queueOverflow }], next: enqueue(to, lang, urls, 1) };
}

/**
 * Out of a queue (or refused by it) with a call back offered instead: why, then "press 1"; the key
 * goes to the offer's URL. Asked twice (`attempt` 0, then 1) before a goodbye.
 */
export function callbackOfferReply(lang: Language, cause: OverflowCause | undefined, queue: string, attempt: number, urls: WebhookUrls): Reply {
  const t = ENGINE_TEXTS[lang];
  return {
    prompts: [...(cause ? [{ lang, text: t[LEFT_BECAUSE[cause]] }] : []), { lang, text: t.callbackOfferNow }],
    next: { kind: 'gather', spec: { kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: 6, sensitive: false }, action: urls.queueOffer(lang, queue, attempt) },
  };
}

/** Out of a queue with a voicemail offered instead: why, then the beep; the recording (or nothing) goes to the voicemail URL. */
export function voicemailOfferReply(lang: Language, cause: OverflowCause, queue: string, urls: WebhookUrls): Reply {
  const t = ENGINE_TEXTS[lang];
  return {
    prompts: [{ lang, text: t[LEFT_BECAUSE[cause]] }, { lang, text: t.voicemailOffer }],
    next: { kind: 'record', spec: { kind: 'recording', maxLengthSec: 120, finishOnKey: '#' }, action: urls.queueVoicemail(lang, queue) },
  };
}

/** The voicemail became a ticket: its number and promise, and goodbye. */
export function voicemailTakenReply(lang: Language, ticket: { id: string; slaMinutes: number }): Reply {
  const t = ENGINE_TEXTS[lang];
  return { prompts: [{ lang, text: t.voicemailTaken(ticket.id, ticket.slaMinutes) }, { lang, text: t.goodbye }], next: { kind: 'hangup' } };
}

/** Goodbye, and nothing else to do. */
export function goodbyeReply(lang: Language): Reply {
  return { prompts: [{ lang, text: ENGINE_TEXTS[lang].goodbye }], next: { kind: 'hangup' } };
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
