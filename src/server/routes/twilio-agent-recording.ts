import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { withAgentRecording } from '../../desk/agent-recordings';
import type { Clock } from '../../platform/clock';
import { inQaSample } from '../../quality/qa-sample';
import type { CallStore } from '../../stores/calls/call-store';
import type { QaStore } from '../../stores/qa/qa-store';
import { lenientCount, MAX_CALL_SECONDS, withoutControlCharacters } from '../../telephony/twilio/twilio-form';
import { ROUTES } from '../../telephony/twilio/webhook-urls';
import { HttpError } from '../http-error';

const CallSid = z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, 'callSid is not a call SID (CA followed by letters and digits)');

/** The query this server put on the callback URL (webhookUrls.agentRecording), covered by the signature. */
const RecordingQuery = z.object({
  callSid: CallSid,
  agent: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'agent must be an agent id (letters, digits, _ . @ -)'),
});

/** What Twilio's recordingStatusCallback posts that this route reads. */
const RecordingForm = z.object({
  RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/, 'RecordingSid is not a recording SID (RE and 32 hex digits)'),
  RecordingStatus: z.string().min(1, 'RecordingStatus is empty'),
  RecordingUrl: z.string().optional(),
  // Only labels the recording: a bad value is treated as unknown.
  RecordingDuration: lenientCount(MAX_CALL_SECONDS),
});

/** Twilio's answer for a callback it does not act on. */
const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * Twilio's recordingStatusCallback for an agent's leg: a `completed` recording goes on the record
 * of the caller's call (once per RecordingSid, however often Twilio posts it or whichever server
 * it reaches), so `ivr purge` deletes it with the call's other recordings; then the call is
 * marked for quality review if it falls in the QA_SAMPLE_PERCENT sample. `absent` and `failed`
 * recordings are logged and acknowledged. A store that cannot be written answers 503 (Twilio
 * may post again), never a promise it did not keep.
 */
export function twilioAgentRecordingRoutes(deps: { calls: CallStore; qa: QaStore; qaSamplePercent: number; clock: Clock; logger: Logger }): Router {
  const router = Router();
  router.post(ROUTES.agentRecording, async (req, res) => {
    const query = RecordingQuery.safeParse(req.query);
    if (!query.success) throw new HttpError(400, query.error.issues[0].message);
    const form = RecordingForm.safeParse(req.body ?? {});
    if (!form.success) throw new HttpError(400, `not a Twilio recording callback: ${form.error.issues[0].message}`);
    const { callSid, agent } = query.data;
    const { RecordingSid: sid, RecordingStatus: status, RecordingDuration: durationSec } = form.data;
    const log = deps.logger.child({ callSid, agent, recordingSid: sid });
    if (status !== 'completed') {
      if (status === 'in-progress') log.info({ status }, 'agent recording in progress');
      else log.warn({ status }, 'agent recording not completed (absent or failed); nothing kept');
      return void res.type('text/xml').send(EMPTY);
    }
    const url = withoutControlCharacters(form.data.RecordingUrl ?? '').trim();
    if (!/^https?:\/\/\S+$/.test(url)) throw new HttpError(400, 'not a Twilio recording callback: RecordingUrl is not an http(s) URL');

    const at = deps.clock.now();
    const record = await deps.calls.update(callSid, (r) => withAgentRecording(r, { sid, url, agent, ...(durationSec !== undefined ? { durationSec } : {}) }, at)).catch((err: unknown) => {
      log.error({ err }, 'could not keep the agent recording on the call record; Twilio may post it again');
      throw new HttpError(503, 'the call record could not be written; try again');
    });
    if (!record) {
      // Without a record nothing would purge it: the operator must find it at Twilio by its SID.
      log.error('agent recording for a call this server has no record of; it stays at Twilio unreferenced');
      throw new HttpError(404, `no call ${callSid}`);
    }
    const sampled = inQaSample(callSid, deps.qaSamplePercent);
    if (sampled) {
      await deps.qa.mark({ callSid, hotline: record.hotline, agent, markedAt: at }).catch((err: unknown) => {
        log.error({ err }, 'could not mark the call for quality review; Twilio may post it again');
        throw new HttpError(503, 'the quality-review mark could not be written; try again');
      });
    }
    log.info({ durationSec: durationSec ?? null, qaSample: sampled }, 'agent recording kept');
    res.type('text/xml').send(EMPTY);
  });
  return router;
}
