import { Router, type Request } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LanguageSchema, type Language } from '../../flow/schema/prompt.schema';
import { QueueSchema, type Queue } from '../../flow/runtime/turn';
import type { Hotline } from '../../hotlines';
import type { IvrMetrics } from '../../metrics/ivr-metrics';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import type { Reply } from '../../telephony/reply';
import type { Voices } from '../../telephony/twilio/voices';
import { lenientCount, MAX_CALL_SECONDS } from '../../telephony/twilio/twilio-form';
import { ROUTES, type WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';
import { ENGINE_TEXTS } from '../voice/engine-texts';
import { bookCallback, findCallback, type CallbackDeps } from '../voice/queue-callback';
import { overflowStep, queueOpen, queueVerdict } from '../voice/queue-limits';
import {
  callbackBookedReply,
  callbackOfferReply,
  goodbyeReply,
  keepWaitingReply,
  leaveQueueReply,
  overflowQueueReply,
  queueWaitReply,
  voicemailOfferReply,
  voicemailTakenReply,
  type OverflowCause,
} from '../voice/queue-replies';
import type { QueueLeaving } from '../../stores/calls/call-record';
import { endVisit, leavingOf, markLeaving, overflowVisit, queueResultOf } from '../voice/queue-visit';
import { takeVoicemail } from '../voice/queue-voicemail';

/** Overflow hops made: absent or "0" for the first queue; anything else counts as the one hop allowed, never as none. */
const Hop = z.string().optional().transform((v) => (v === undefined || v === '0' ? 0 : 1)).catch(1);
const QueueQuery = z.object({ lang: LanguageSchema.catch('zh-CN'), queue: QueueSchema.catch('general'), hop: Hop });
/** The queue sweep's dequeue URL: why the caller was taken out, and how long they had waited. */
const DequeuedQuery = QueueQuery.extend({
  reason: z.enum(['max-wait', 'full', 'closed']).optional().catch(undefined),
  waited: z.coerce.number().int().min(0).max(MAX_CALL_SECONDS).optional().catch(undefined),
});
const OfferQuery = QueueQuery.extend({ attempt: z.coerce.number().int().min(0).max(1).catch(1) });
const Sid = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'CallSid is not a call SID');
const WaitForm = z.object({
  CallSid: Sid.optional().catch(undefined),
  QueuePosition: lenientCount(100_000),
  QueueTime: lenientCount(MAX_CALL_SECONDS),
  AvgQueueTime: lenientCount(MAX_CALL_SECONDS),
});
const CallForm = z.object({ CallSid: Sid, Digits: z.string().optional() });
const LeftForm = CallForm.extend({ QueueResult: z.string().optional(), QueueTime: lenientCount(MAX_CALL_SECONDS) });
const VoicemailForm = CallForm.extend({ RecordingUrl: z.url().optional() });

/** Twilio could not hold the caller in the queue: they get the queue's overflow instead. */
const QUEUE_FAILED = new Set(['queue-full', 'error', 'system-error']);
/** Metric label values: Twilio's QueueResults and ours; anything else is counted as "other". */
const RESULTS = new Set(['bridged', 'bridging-in-process', 'queue-full', 'redirected', 'hangup', 'error', 'system-error', 'leave', 'max-wait', 'closed', 'overflow']);

export type QueueRouteDeps = CallbackDeps & {
  urls: WebhookUrls;
  voices: Voices;
  holdMusicUrl: string;
  logger: Logger;
  /** The lines, for the hours of a queue without its own (live: a hot reload replaces them). */
  hotlines: () => readonly Hotline[];
  metrics?: Pick<IvrMetrics, 'queueWait' | 'queueAbandoned'>;
};

/**
 * A caller waiting for an agent (<Enqueue> of one queue per skill). The wait URL announces the
 * place and the estimated wait, offers a call back (press 1) and plays hold music, or takes the
 * caller out (<Leave/>) past the queue's longest wait, beyond its size, or as it closes, having
 * written why on the call record. The queue's action URL then reads that reason (or Twilio's
 * QueueResult) and gives the caller what the queue promises: the call back booked, the overflow
 * queue (once), or an offer of a call back or a voicemail. docs/queues.md explains both sides.
 */
export function twilioQueueRoutes(deps: QueueRouteDeps): Router {
  const router = Router();
  const twiml = (reply: Reply) => renderTwiml(reply, deps.voices);
  const call = <T extends z.ZodType>(schema: T, req: Request): z.infer<T> => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, `not a Twilio webhook: ${parsed.error.issues[0].message}`);
    return parsed.data;
  };
  /** Whether agents take `queue` now, for a caller of the line the call record names. */
  const openFor = async (queue: string, callSid: string | undefined): Promise<boolean> => {
    const record = callSid ? await deps.calls.get(callSid) : undefined;
    const line = record && deps.hotlines().find((h) => h.id === record.hotline);
    return queueOpen(deps.centre.queues.get(queue), line, deps.now(), record?.afterHours);
  };

  // Twilio asks again each time the wait TwiML has played.
  router.post(ROUTES.queueWait, async (req, res) => {
    const { lang, queue } = QueueQuery.parse(req.query);
    const { CallSid, QueuePosition, QueueTime, AvgQueueTime } = WaitForm.parse(req.body ?? {});
    const wait = () => res.type('text/xml').send(twiml(queueWaitReply(lang, queue, { position: QueuePosition, avgWaitSec: AvgQueueTime }, deps.holdMusicUrl, deps.urls)));
    const log = deps.logger.child({ callSid: CallSid });
    let verdict: ReturnType<typeof queueVerdict>;
    try {
      verdict = queueVerdict(deps.centre.queues.get(queue), { position: QueuePosition, waitedSec: QueueTime }, await openFor(queue, CallSid));
    } catch (err) {
      // The caller keeps waiting; the next request tries again.
      log.error({ err, queue }, 'could not check the queue limits; the caller keeps waiting');
      return void wait();
    }
    if (verdict === 'wait' || !CallSid) return void wait();
    try {
      // Written before <Leave/>: the queue's action reads why the caller left.
      await deps.calls.update(CallSid, (r) => markLeaving(r, queue, verdict));
    } catch (err) {
      // They leave anyway: the action, not knowing why, books them a call back (never dropped).
      log.error({ err, queue, leaving: verdict }, 'could not write why the caller leaves the queue');
    }
    log.info({ queue, leaving: verdict, waitedSec: QueueTime, position: QueuePosition }, 'taking the caller out of the queue');
    res.type('text/xml').send(twiml(leaveQueueReply()));
  });

  router.post(ROUTES.queueCallback, async (req, res) => {
    const { lang, queue } = QueueQuery.parse(req.query);
    const { CallSid, Digits } = call(CallForm, req);
    if (Digits?.trim() !== '1') return void res.type('text/xml').send(twiml(keepWaitingReply(lang, queue, deps.urls, false)));
    const log = deps.logger.child({ callSid: CallSid });
    let booked;
    try {
      booked = await bookCallback(deps, CallSid, queue);
    } catch (err) {
      // The caller keeps their place and hears why.
      log.error({ err, queue }, 'could not book a call back; the caller keeps waiting');
      return void res.type('text/xml').send(twiml(keepWaitingReply(lang, queue, deps.urls, true)));
    }
    try {
      await deps.calls.update(CallSid, (r) => markLeaving(r, queue, 'callback'));
    } catch (err) {
      // The action, not knowing why, finds the call back booked by the call: the same answer.
      log.error({ err, queue }, 'could not write that the caller leaves for a call back');
    }
    log.info({ queue, ticketId: booked.id }, 'call back booked from the queue; the caller leaves it');
    res.type('text/xml').send(twiml(leaveQueueReply()));
  });

  /** What the queue's overflow gives a caller taken out of `queue` (or refused by it) because of `cause`. */
  const overflow = async (callSid: string, lang: Language, queue: Queue, hop: number, cause: OverflowCause, log: Logger): Promise<Reply> => {
    // Without the record (a store down) the other queue's hours cannot be read in the line's zone: it is taken as open.
    const record = await deps.calls.get(callSid).catch((err: unknown) => void log.error({ err }, 'could not read the call record for the overflow'));
    const line = record ? deps.hotlines().find((h) => h.id === record.hotline) : undefined;
    const usable = (q: string) => {
      const limits = deps.centre.queues.get(q);
      return limits !== undefined && queueOpen(limits, line, deps.now(), record?.afterHours);
    };
    const step = overflowStep(deps.centre.queues.get(queue), hop, usable);
    if (step.kind === 'queue') {
      try {
        await deps.calls.update(callSid, (r) => overflowVisit(r, queue, step.to));
      } catch (err) {
        log.error({ err, queue, to: step.to }, 'could not record the overflow on the call record; the caller moves on');
      }
      return overflowQueueReply(lang, cause, step.to, deps.urls);
    }
    if (step.offer === 'voicemail') return voicemailOfferReply(lang, cause, queue, deps.urls);
    return callbackOfferReply(lang, cause, queue, 0, deps.urls);
  };

  router.post(ROUTES.queueLeft, async (req, res) => {
    const { lang, queue, hop, reason, waited } = DequeuedQuery.parse(req.query);
    const form = call(LeftForm, req);
    const { CallSid } = form;
    // Taken out by the queue sweep (a member update): Twilio posts no QueueResult; it is a leave, and the URL says why.
    const QueueResult = form.QueueResult ?? (reason ? 'leave' : undefined);
    const QueueTime = form.QueueTime ?? waited;
    const log = deps.logger.child({ callSid: CallSid });
    let reply: Reply = { prompts: [], next: { kind: 'hangup' } };
    let leaving: QueueLeaving | undefined;
    try {
      leaving = leavingOf(await deps.calls.get(CallSid), queue) ?? reason;
      if (QueueResult) {
        const result = queueResultOf(QueueResult, leaving);
        let first = false;
        await deps.calls.update(CallSid, (r) => {
          const ended = endVisit(r, queue, result, QueueTime ?? 0);
          first = ended.first;
          return ended.record;
        });
        if (first) {
          deps.metrics?.queueWait.observe({ queue, result: RESULTS.has(result) ? result : 'other' }, QueueTime ?? 0);
          if (QueueResult === 'hangup') deps.metrics?.queueAbandoned.inc({ queue });
        }
      }
    } catch (err) {
      // The caller is answered all the same: without the reason, as one who asked for a call back.
      log.error({ err, queue, queueResult: QueueResult }, 'could not read or record the stay in the queue');
    }
    try {
      if (QueueResult === 'leave' && leaving && leaving !== 'callback') {
        log.info({ queue, leaving, waitedSec: QueueTime }, 'out of the queue; giving its overflow');
        reply = await overflow(CallSid, lang, queue, hop, leaving, log);
      } else if (QueueResult === 'leave') {
        // The caller pressed 1: the call back was booked before they left (booked again only if that was lost).
        const callback = (await findCallback(deps.tickets, deps.centre, CallSid)) ?? (await bookCallback(deps, CallSid, queue));
        reply = callbackBookedReply(lang, callback);
      } else if (QueueResult && QUEUE_FAILED.has(QueueResult)) {
        log.warn({ queue, queueResult: QueueResult }, 'the queue could not take the caller; giving its overflow');
        reply = await overflow(CallSid, lang, queue, hop, 'full', log);
      }
    } catch (err) {
      log.error({ err, queue, queueResult: QueueResult }, 'could not answer the caller out of the queue');
      reply = { prompts: [{ lang, text: ENGINE_TEXTS[lang].sorryGoodbye }], next: { kind: 'hangup' } };
    }
    res.type('text/xml').send(twiml(reply));
  });

  // The overflow's "press 1 for a call back": asked twice, then goodbye.
  router.post(ROUTES.queueOffer, async (req, res) => {
    const { lang, queue, attempt } = OfferQuery.parse(req.query);
    const { CallSid, Digits } = call(CallForm, req);
    const log = deps.logger.child({ callSid: CallSid });
    let reply: Reply;
    if (Digits?.trim() === '1') {
      try {
        const booked = await bookCallback(deps, CallSid, queue);
        log.info({ queue, ticketId: booked.id }, 'call back booked as the queue overflowed');
        reply = callbackBookedReply(lang, booked);
      } catch (err) {
        log.error({ err, queue }, 'could not book a call back after the queue');
        reply = { prompts: [{ lang, text: ENGINE_TEXTS[lang].sorryGoodbye }], next: { kind: 'hangup' } };
      }
    } else reply = attempt < 1 ? callbackOfferReply(lang, undefined, queue, attempt + 1, deps.urls) : goodbyeReply(lang);
    res.type('text/xml').send(twiml(reply));
  });

  // The overflow's voicemail: a ticket with the recording, or goodbye when nothing was said.
  router.post(ROUTES.queueVoicemail, async (req, res) => {
    const { lang, queue } = QueueQuery.parse(req.query);
    const { CallSid, RecordingUrl } = call(VoicemailForm, req);
    const log = deps.logger.child({ callSid: CallSid });
    let reply = goodbyeReply(lang);
    if (RecordingUrl) {
      try {
        const ticket = await takeVoicemail(deps, CallSid, queue, RecordingUrl);
        log.info({ queue, ticketId: ticket.id }, 'voicemail taken as the queue overflowed');
        reply = voicemailTakenReply(lang, ticket);
      } catch (err) {
        log.error({ err, queue }, 'could not make the voicemail ticket');
        reply = { prompts: [{ lang, text: ENGINE_TEXTS[lang].sorryGoodbye }], next: { kind: 'hangup' } };
      }
    }
    res.type('text/xml').send(twiml(reply));
  });
  return router;
}
