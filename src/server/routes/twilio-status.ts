import { Router } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock';
import type { SurveyService } from '../../services/survey/survey-service';
import { CallRecordDecodeError } from '../../stores/calls/call-record';
import type { SessionStore } from '../../stores/session/session-store';
import { parseTwilioForm, StatusFormSchema } from '../../telephony/twilio/twilio-form';
import { ROUTES } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';
import { closeCall, isTerminalStatus } from '../voice/call-record-updates';
import type { CallObserver } from '../voice/call-observer';

/**
 * How long a finished call's state stays: Twilio may post a <Record> action (the voicemail of a
 * caller who hung up instead of pressing #) after the status callback, and it must still count.
 */
export const LINGER_AFTER_END_MS = 10 * 60_000;

async function keepBriefly(sessions: SessionStore, callSid: string, now: number): Promise<void> {
  const s = await sessions.get(callSid, now);
  if (s && s.expiresAt > now + LINGER_AFTER_END_MS) await sessions.save({ ...s, version: s.version + 1, expiresAt: now + LINGER_AFTER_END_MS });
}

/**
 * Twilio's status callback: the call is over (completed, busy, no-answer, failed, canceled).
 * Closes the call record, deciding "abandoned" for a caller who left mid-flow, queues the
 * satisfaction SMS of a completed call with it (once, however often Twilio posts), and drops the
 * call's state after a short while. Other statuses are acknowledged and ignored.
 */
export function twilioStatusRoutes(deps: { surveys: SurveyService; sessions: SessionStore; clock: Clock; logger: Logger; observer?: CallObserver }): Router {
  const router = Router();
  router.post(ROUTES.status, async (req, res) => {
    const parsed = parseTwilioForm(StatusFormSchema, req.body);
    if (!parsed.ok) throw new HttpError(400, parsed.reason);
    const { CallSid, CallStatus, CallDuration: duration } = parsed.form;
    if (isTerminalStatus(CallStatus)) {
      let first = false;
      const closed = await deps.surveys
        .closeCall(CallSid, (r) => {
          first = r.endedAt === undefined;
          return closeCall(r, CallStatus, deps.clock.now(), duration);
        })
        .catch((err: unknown) => {
          // A record that no longer decodes cannot be closed; Twilio gets its 200 all the same.
          if (!(err instanceof CallRecordDecodeError)) throw err;
          deps.logger.error({ err, callSid: CallSid }, 'the call record does not decode; the call is not closed');
          return undefined;
        });
      if (closed && first) deps.observer?.callEnded(closed);
      await keepBriefly(deps.sessions, CallSid, deps.clock.now());
      deps.logger.info(
        { callSid: CallSid, hotline: closed?.hotline ?? null, status: CallStatus, outcome: closed?.outcome ?? null, durationSec: duration ?? null, turns: closed?.turns.length ?? 0 },
        'call ended',
      );
    }
    res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
  return router;
}
