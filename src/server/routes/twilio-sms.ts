import { Router } from 'express';
import type { Logger } from 'pino';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';
import { maskPhone } from '../../hotlines';
import type { SurveyService } from '../../services/survey/survey-service';
import { parseTwilioForm, SmsFormSchema } from '../../telephony/twilio/twilio-form';
import { ROUTES } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';
import type { CallObserver } from '../voice/call-observer';

/**
 * An SMS a caller sent to one of our numbers (Twilio's Messaging webhook, signed like the voice
 * ones): an answer to the satisfaction survey (1–5, a comment, STOP/退订, START/订阅). Answered
 * with a <Message> (Twilio texts it back) when the survey service has something to say (the first
 * thanks of a survey, a changed opt-out), else an empty <Response/>: a duplicate delivery, a late
 * reply or an auto-responder answering our thanks gets nothing. The text is never logged: a
 * comment may hold anything.
 */
export function twilioSmsRoutes(deps: { surveys: SurveyService; logger: Logger; observer?: CallObserver; variantsOf?: (callSid: string) => Promise<Record<string, string> | undefined> }): Router {
  const router = Router();
  router.post(ROUTES.sms, async (req, res) => {
    const parsed = parseTwilioForm(SmsFormSchema, req.body);
    if (!parsed.ok) throw new HttpError(400, parsed.reason);
    const { MessageSid, From, Body } = parsed.form;
    const outcome = await deps.surveys.reply(MessageSid, From, Body);
    if (outcome.rating !== undefined) deps.observer?.surveyRated({ rating: outcome.rating, ...(await ratedVariants(deps, outcome.callSid)) });
    deps.logger.info({ messageSid: MessageSid, from: maskPhone(From), reply: outcome.kind, callSid: outcome.callSid ?? null }, 'SMS received');
    const response = new MessagingResponse();
    if (outcome.answer) response.message(outcome.answer);
    res.type('text/xml').send(response.toString());
  });
  return router;
}

/** The A/B variants of the rated call, for the per-variant rating metric; none if the record cannot be read (the rating still counts). */
async function ratedVariants(deps: Parameters<typeof twilioSmsRoutes>[0], callSid: string | undefined): Promise<{ variants?: Record<string, string> }> {
  if (!deps.variantsOf || callSid === undefined) return {};
  try {
    const variants = await deps.variantsOf(callSid);
    return variants ? { variants } : {};
  } catch (err) {
    deps.logger.warn({ err, callSid }, 'the rated call record could not be read; its rating is not counted per A/B variant');
    return {};
  }
}
