import { Router, type Request } from 'express';
import { z } from 'zod';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import { parseTwilioForm, VoiceFormSchema, type VoiceForm } from '../../telephony/twilio/twilio-form';
import { ROUTES } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';
import { answerCall } from '../voice/answer-call';
import { continueCall } from '../voice/continue-call';
import { faultReply } from '../voice/engine-replies';
import type { VoiceDeps } from '../voice/voice-deps';

const TurnQuery = z.object({ n: z.coerce.number({ error: 'n must be a turn number' }).int().min(0).max(100_000) });

/**
 * The voice webhooks: the ring and the answers to our <Gather>, <Record> and <Dial> (the queue's are in
 * twilio-queue.ts). A bad body is a 400; anything that goes wrong inside a call is answered with TwiML.
 */
export function twilioVoiceRoutes(deps: VoiceDeps): Router {
  const router = Router();
  const form = (req: Request): VoiceForm => {
    const parsed = parseTwilioForm(VoiceFormSchema, req.body);
    if (!parsed.ok) throw new HttpError(400, parsed.reason);
    return parsed.form;
  };
  const turnNumber = (req: Request): number => {
    const q = TurnQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, `not one of our action URLs: ${q.error.issues[0].message} (e.g. ?n=3)`);
    return q.data.n;
  };
  const answer = async (req: Request, work: (f: VoiceForm) => Promise<string>) => {
    const f = form(req);
    try {
      return await work(f);
    } catch (err) {
      // The call code answers its own faults; this is the last net, so Twilio never gets a 5xx.
      deps.logger.error({ err, callSid: f.CallSid, path: req.path }, 'voice webhook failed outside a turn');
      return renderTwiml(faultReply('zh-CN', false, deps.urls), deps.voices);
    }
  };

  router.post(ROUTES.voice, async (req, res) => {
    const twiml = await answer(req, (f) => answerCall(deps, f));
    res.type('text/xml').send(twiml);
  });
  router.post(ROUTES.turn, async (req, res) => {
    const n = turnNumber(req);
    const twiml = await answer(req, (f) => continueCall(deps, f, n, 'gather'));
    res.type('text/xml').send(twiml);
  });
  router.post(ROUTES.record, async (req, res) => {
    const n = turnNumber(req);
    const twiml = await answer(req, (f) => continueCall(deps, f, n, 'record'));
    res.type('text/xml').send(twiml);
  });
  router.post(ROUTES.dial, async (req, res) => {
    const n = turnNumber(req);
    const twiml = await answer(req, (f) => continueCall(deps, f, n, 'dial'));
    res.type('text/xml').send(twiml);
  });
  return router;
}
