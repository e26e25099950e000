import { Router } from 'express';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';
import { ROUTES } from '../../telephony/twilio/webhook-urls';

/** An SMS a caller sent to one of our numbers, as Twilio posts it. */
export type IncomingSms = { messageSid?: string; from: string; to: string; body: string };

/**
 * What to answer an incoming SMS with. The seam for the after-call survey (a later issue): it
 * receives the message and returns the reply's text, or nothing for an empty <Response/>.
 */
export type IncomingSmsHandler = (sms: IncomingSms) => Promise<string | undefined>;
export const noSmsReply: IncomingSmsHandler = async () => undefined;

export function twilioSmsRoutes(handle: IncomingSmsHandler): Router {
  const router = Router();
  router.post(ROUTES.sms, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const text = await handle({ messageSid: body.MessageSid, from: body.From ?? '', to: body.To ?? '', body: body.Body ?? '' });
    const response = new MessagingResponse();
    if (text) response.message(text);
    res.type('text/xml').send(response.toString());
  });
  return router;
}
