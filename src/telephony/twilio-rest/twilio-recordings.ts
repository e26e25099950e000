import twilio from 'twilio';
import type { RecordingRemover } from '../../retention/recording-remover';

/** The slice of the Twilio client this remover uses. */
export type TwilioRecordingsClient = { recordings(sid: string): { remove(): Promise<boolean> } };

/** Twilio's recording SID inside a RecordingUrl (…/Recordings/RE… with or without an extension). */
const RECORDING_SID = /\/Recordings\/(RE[0-9a-fA-F]{32})(?:\.\w+)?(?:[?#].*)?$/;

export function recordingSidOf(url: string): string | undefined {
  return RECORDING_SID.exec(url)?.[1];
}

/**
 * Deletes recordings at Twilio (`DELETE /2010-04-01/Accounts/{AC}/Recordings/{RE}.json`). A 404
 * means Twilio no longer holds it (deleted by an earlier run, or by hand): that is what we wanted.
 * Anything else is a failure the caller keeps the reference for, to try again on the next run.
 */
export function twilioRecordingRemover(client: TwilioRecordingsClient): RecordingRemover {
  return {
    async remove(url) {
      const sid = recordingSidOf(url);
      if (!sid) return { result: 'not-twilio', detail: 'no Twilio recording SID (…/Recordings/RE…) in the URL' };
      try {
        await client.recordings(sid).remove();
        return { result: 'deleted' };
      } catch (err) {
        if (err instanceof twilio.RestException && err.status === 404) return { result: 'gone' };
        const detail = err instanceof twilio.RestException ? `Twilio answered HTTP ${err.status} (code ${err.code ?? 'none'}): ${err.message}` : (err as Error).message;
        return { result: 'failed', detail };
      }
    },
  };
}

/**
 * Without a Twilio account (development), a Twilio recording cannot be deleted: its reference
 * stays, and the purge says what to set. URLs that name no Twilio recording may go.
 */
export function unconfiguredRecordingRemover(): RecordingRemover {
  return {
    async remove(url) {
      if (!recordingSidOf(url)) return { result: 'not-twilio', detail: 'no Twilio recording SID (…/Recordings/RE…) in the URL' };
      return { result: 'failed', detail: 'no Twilio account configured: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to delete it at Twilio' };
    },
  };
}
