import { Router, type Request } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LanguageSchema } from '../../flow/schema/prompt.schema';
import { QueueSchema } from '../../flow/runtime/turn';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import type { Reply } from '../../telephony/reply';
import type { Voices } from '../../telephony/twilio/voices';
import { lenientCount, MAX_CALL_SECONDS } from '../../telephony/twilio/twilio-form';
import { ROUTES, type WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';
import { ENGINE_TEXTS } from '../voice/engine-texts';
import { bookCallback, findCallback, type CallbackDeps } from '../voice/queue-callback';
import { callbackBookedReply, keepWaitingReply, leaveQueueReply, queueWaitReply } from '../voice/queue-replies';

const QueueQuery = z.object({ lang: LanguageSchema.catch('zh-CN'), queue: QueueSchema.catch('general') });
const WaitForm = z.object({ QueuePosition: lenientCount(100_000), AvgQueueTime: lenientCount(MAX_CALL_SECONDS) });
const CallForm = z.object({ CallSid: z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'CallSid is not a call SID'), Digits: z.string().optional() });
const LeftForm = CallForm.extend({ QueueResult: z.string().optional() });

/** Twilio could not hold the caller in the queue: they get a call back instead. */
const QUEUE_FAILED = new Set(['queue-full', 'error', 'system-error']);

/**
 * A caller waiting for an agent (<Enqueue> of one queue per skill). The wait URL announces the
 * place and the estimated wait, offers a call back (press 1) and plays hold music; pressing 1
 * books the call back and leaves the queue (<Leave>); the queue's action URL then reads the call
 * back's number and promise and says goodbye, or gives a call back when Twilio could not queue
 * the caller at all. docs/queues.md explains the agents' side.
 */
export function twilioQueueRoutes(deps: CallbackDeps & { urls: WebhookUrls; voices: Voices; holdMusicUrl: string; logger: Logger }): Router {
  const router = Router();
  const twiml = (reply: Reply) => renderTwiml(reply, deps.voices);
  const call = <T extends z.ZodType>(schema: T, req: Request): z.infer<T> => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, `not a Twilio webhook: ${parsed.error.issues[0].message}`);
    return parsed.data;
  };

  // Twilio asks again each time the wait TwiML has played.
  router.post(ROUTES.queueWait, (req, res) => {
    const { lang, queue } = QueueQuery.parse(req.query);
    const { QueuePosition, AvgQueueTime } = WaitForm.parse(req.body ?? {});
    res.type('text/xml').send(twiml(queueWaitReply(lang, queue, { position: QueuePosition, avgWaitSec: AvgQueueTime }, deps.holdMusicUrl, deps.urls)));
  });

  router.post(ROUTES.queueCallback, async (req, res) => {
    const { lang, queue } = QueueQuery.parse(req.query);
    const { CallSid, Digits } = call(CallForm, req);
    if (Digits?.trim() !== '1') return void res.type('text/xml').send(twiml(keepWaitingReply(lang, queue, deps.urls, false)));
    const log = deps.logger.child({ callSid: CallSid });
    try {
      const booked = await bookCallback(deps, CallSid, queue);
      log.info({ queue, ticketId: booked.id }, 'call back booked from the queue; the caller leaves it');
      res.type('text/xml').send(twiml(leaveQueueReply()));
    } catch (err) {
      // The caller keeps their place and hears why.
      log.error({ err, queue }, 'could not book a call back; the caller keeps waiting');
      res.type('text/xml').send(twiml(keepWaitingReply(lang, queue, deps.urls, true)));
    }
  });

  router.post(ROUTES.queueLeft, async (req, res) => {
    const { lang, queue } = QueueQuery.parse(req.query);
    const { CallSid, QueueResult } = call(LeftForm, req);
    const log = deps.logger.child({ callSid: CallSid });
    const goodbye: Reply = { prompts: [], next: { kind: 'hangup' } };
    let reply = goodbye;
    try {
      if (QueueResult === 'leave') {
        // The caller pressed 1: the call back was booked before they left (booked again only if that was lost).
        const callback = (await findCallback(deps.tickets, CallSid)) ?? (await bookCallback(deps, CallSid, queue));
        reply = callbackBookedReply(lang, callback);
      } else if (QueueResult && QUEUE_FAILED.has(QueueResult)) {
        log.warn({ queue, queueResult: QueueResult }, 'the queue could not take the caller; booking a call back');
        reply = callbackBookedReply(lang, await bookCallback(deps, CallSid, queue), true);
      }
    } catch (err) {
      log.error({ err, queue, queueResult: QueueResult }, 'could not book a call back after the queue');
      reply = { prompts: [{ lang, text: ENGINE_TEXTS[lang].sorryGoodbye }], next: { kind: 'hangup' } };
    }
    res.type('text/xml').send(twiml(reply));
  });
  return router;
}
