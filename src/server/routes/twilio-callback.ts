import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Hotline } from '../../hotlines';
import { LanguageSchema, type Language } from '../../flow/schema/prompt.schema';
import type { CallbackResults } from '../../services/callbacks/callback-results';
import { outcomeOf } from '../../services/callbacks/callback-rules';
import { callbackAnswerReply } from '../voice/callback-replies';
import type { CallbackStore } from '../../services/callbacks/callback-store';
import { CALLBACK_TEXTS } from '../../services/callbacks/callback-texts';
import type { CallCentre } from '../../call-centre/call-centre';
import type { Reply } from '../../telephony/reply';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import { parseTwilioForm } from '../../telephony/twilio/twilio-form';
import type { Voices } from '../../telephony/twilio/voices';
import { ROUTES, type WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';

const AttemptQuery = z.object({ ticket: z.string().regex(/^\d{8}$/, 'ticket is not a ticket number'), attempt: z.coerce.number().int().min(1).max(100) });
const LangQuery = z.object({ lang: LanguageSchema.catch('zh-CN') });
const Sid = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'CallSid is not a call SID');
const AnswerForm = z.object({ CallSid: Sid, AnsweredBy: z.string().optional() });
const StatusForm = AnswerForm.extend({ CallStatus: z.string().min(1, 'is empty') });

export type CallbackRouteDeps = {
  callbacks: CallbackStore;
  results: CallbackResults;
  hotlines: () => readonly Hotline[];
  /** The ticket categories' names as the customer hears them. */
  centre: () => CallCentre;
  urls: WebhookUrls;
  voices: Voices;
  holdMusicUrl: string;
  logger: Logger;
};


/**
 * The calls back the dialler places (callback-dialler.ts). Twilio asks the answer URL when the
 * customer picks up: they hear who calls about which ticket and join the agents' queue (emergencies
 * `urgent`, others `callback`, see docs/queues.md); a voicemail gets a short message instead. The
 * status callback records each attempt's result (retry, answered, or given up with one SMS).
 */
export function twilioCallbackRoutes(deps: CallbackRouteDeps): Router {
  const router = Router();
  const twiml = (reply: Reply) => renderTwiml(reply, deps.voices);
  const categoryName = (category: string, lang: Language) => deps.centre().categories.get(category)?.name[lang] ?? category;
  const query = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new HttpError(400, `not a call back URL of ours: ${parsed.error.issues[0].message}`);
    return parsed.data;
  };
  const form = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
    const parsed = parseTwilioForm(schema, body);
    if (!parsed.ok) throw new HttpError(400, parsed.reason);
    return parsed.form;
  };
  const toQueue = (queue: string, lang: Language): Reply['next'] => ({ kind: 'enqueue', queue, waitUrl: deps.urls.callbackWait(lang), action: deps.urls.callbackLeft(lang) });

  router.post(ROUTES.callbackAnswer, async (req, res) => {
    const { ticket, attempt } = query(AttemptQuery, req.query);
    const { CallSid, AnsweredBy } = form(AnswerForm, req.body);
    const log = deps.logger.child({ callSid: CallSid, ticketId: ticket, attempt });
    let lang: Language = 'zh-CN';
    let queue = 'callback';
    let reply: Reply;
    try {
      const job = await deps.callbacks.get(ticket);
      if (!job) throw new Error(`no call back scheduled for ticket ${ticket}`);
      lang = LanguageSchema.catch('zh-CN').parse(job.lang);
      queue = job.queue;
      const lineName = deps.hotlines().find((h) => h.id === job.hotline)?.name[lang] ?? '';
      reply = callbackAnswerReply(job, AnsweredBy, { lang, lineName, categoryName: categoryName(job.category, lang), waitUrl: deps.urls.callbackWait(lang), leftUrl: deps.urls.callbackLeft(lang) });
      log.info({ queue, answeredBy: AnsweredBy ?? null, voicemail: reply.next.kind === 'hangup' }, 'call back answered');
    } catch (err) {
      // The customer picked up: they get a person all the same.
      log.error({ err }, 'could not prepare the call back; apologising and putting the customer through');
      reply = { prompts: [{ lang, text: CALLBACK_TEXTS.sorry(lang) }], next: toQueue(queue, lang) };
    }
    res.type('text/xml').send(twiml(reply));
  });

  // Twilio asks again each time the wait TwiML has played.
  router.post(ROUTES.callbackWait, (req, res) => {
    const { lang } = LangQuery.parse(req.query);
    res.type('text/xml').send(twiml({ prompts: [{ lang, text: CALLBACK_TEXTS.holding(lang) }, { lang, audio: deps.holdMusicUrl }], next: { kind: 'none' } }));
  });

  router.post(ROUTES.callbackLeft, (req, res) => {
    const { lang } = LangQuery.parse(req.query);
    res.type('text/xml').send(twiml({ prompts: [{ lang, text: CALLBACK_TEXTS.goodbye(lang) }], next: { kind: 'hangup' } }));
  });

  router.post(ROUTES.callbackStatus, async (req, res) => {
    const { ticket, attempt } = query(AttemptQuery, req.query);
    const { CallSid, CallStatus, AnsweredBy } = form(StatusForm, req.body);
    const outcome = outcomeOf(CallStatus, AnsweredBy);
    if (outcome) {
      try {
        await deps.results.record({ ticketId: ticket, attempt, callSid: CallSid, outcome });
      } catch (err) {
        // Twilio does not retry a status callback: the job stays `placed` and staff see it on the ticket list.
        deps.logger.error({ err, callSid: CallSid, ticketId: ticket, attempt, outcome }, 'could not record the call back result');
      }
    }
    res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
  return router;
}
