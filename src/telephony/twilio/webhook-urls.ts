import type { Language } from '../../flow/schema/prompt.schema';

/**
 * The URLs this server gives Twilio, absolute on PUBLIC_BASE_URL (the address Twilio signs, which
 * may be a TLS proxy in front of us). Each action carries the turn number it answers, so a retried
 * request can be recognised and answered from the stored reply.
 */
export const ROUTES = {
  voice: '/twilio/voice',
  turn: '/twilio/voice/turn',
  record: '/twilio/voice/record',
  dial: '/twilio/voice/dial',
  queueWait: '/twilio/voice/queue-wait',
  queueCallback: '/twilio/voice/queue-callback',
  queueLeft: '/twilio/voice/queue-left',
  queueOffer: '/twilio/voice/queue-offer',
  queueVoicemail: '/twilio/voice/queue-voicemail',
  agent: '/twilio/agent',
  agentRecording: '/twilio/agent/recording',
  status: '/twilio/status',
  sms: '/twilio/sms',
  callbackAnswer: '/twilio/callback/answer',
  callbackStatus: '/twilio/callback/status',
  callbackWait: '/twilio/callback/wait',
  callbackLeft: '/twilio/callback/left',
} as const;

export type WebhookUrls = ReturnType<typeof webhookUrls>;

export function webhookUrls(publicBaseUrl: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    /** Where the keys (or silence) of turn `n` are posted. */
    turn: (n: number) => `${base}${ROUTES.turn}?n=${n}`,
    /** Where the voicemail of turn `n` (or its absence) is posted. */
    record: (n: number) => `${base}${ROUTES.record}?n=${n}`,
    /** Where the outcome of turn `n`'s <Dial> to a person's number (DialCallStatus) is posted. */
    dial: (n: number) => `${base}${ROUTES.dial}?n=${n}`,
    /**
     * The music and announcements of a caller waiting in `queue`, asked again each time they end.
     * `hop` 1: the caller overflowed into this queue from another (they overflow no further).
     */
    queueWait: (lang: Language, queue: string, hop = 0) => `${base}${ROUTES.queueWait}?lang=${lang}&queue=${encodeURIComponent(queue)}${hop ? `&hop=${hop}` : ''}`,
    /** Where a key pressed during the wait is posted (1: a call back instead of waiting). */
    queueCallback: (lang: Language, queue: string) => `${base}${ROUTES.queueCallback}?lang=${lang}&queue=${encodeURIComponent(queue)}`,
    /** Asked once the caller has left `queue`, with Twilio's QueueResult. */
    queueLeft: (lang: Language, queue: string, hop = 0) => `${base}${ROUTES.queueLeft}?lang=${lang}&queue=${encodeURIComponent(queue)}${hop ? `&hop=${hop}` : ''}`,
    /**
     * Where a caller the queue sweep took out of `queue` (through the REST API) is sent: the
     * queue's action, told why (`reason`) and how long they waited, as Twilio gives no QueueResult there.
     */
    queueDequeued: (lang: Language, queue: string, hop: number, reason: string, waitedSec: number) =>
      `${base}${ROUTES.queueLeft}?lang=${lang}&queue=${encodeURIComponent(queue)}${hop ? `&hop=${hop}` : ''}&reason=${encodeURIComponent(reason)}&waited=${waitedSec}`,
    /** Where the key answering the overflow's call back offer is posted (`attempt`: offers made so far). */
    queueOffer: (lang: Language, queue: string, attempt: number) => `${base}${ROUTES.queueOffer}?lang=${lang}&queue=${encodeURIComponent(queue)}&attempt=${attempt}`,
    /** Where the voicemail a caller leaves instead of waiting (or its absence) is posted. */
    queueVoicemail: (lang: Language, queue: string) => `${base}${ROUTES.queueVoicemail}?lang=${lang}&queue=${encodeURIComponent(queue)}`,
    /**
     * The recordingStatusCallback of an agent's leg (<Dial record=…>, <Conference record=…>): the
     * recording goes on the record of the caller's call `callSid`, labelled with `agent`.
     */
    agentRecording: (callSid: string, agent: string) => `${base}${ROUTES.agentRecording}?callSid=${encodeURIComponent(callSid)}&agent=${encodeURIComponent(agent)}`,
    /** The TwiML of call back `attempt` of a ticket, asked when the customer answers. */
    callbackAnswer: (ticketId: string, attempt: number) => `${base}${ROUTES.callbackAnswer}?ticket=${encodeURIComponent(ticketId)}&attempt=${attempt}`,
    /** Where Twilio posts the progress and result of call back `attempt` of a ticket. */
    callbackStatus: (ticketId: string, attempt: number) => `${base}${ROUTES.callbackStatus}?ticket=${encodeURIComponent(ticketId)}&attempt=${attempt}`,
    /** The hold of a customer we called back, waiting for their agent. */
    callbackWait: (lang: Language) => `${base}${ROUTES.callbackWait}?lang=${lang}`,
    /** Asked once a customer we called back has left the agents' queue. */
    callbackLeft: (lang: Language) => `${base}${ROUTES.callbackLeft}?lang=${lang}`,
    /** The URL Twilio signed for a request that reached us at `originalUrl` (path and query). */
    signed: (originalUrl: string) => `${base}${originalUrl}`,
  };
}
