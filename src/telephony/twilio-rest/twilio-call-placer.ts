import twilio from 'twilio';
import { CallRejectedError, type CallPlacer } from '../../services/callbacks/call-placer';

/** The slice of the Twilio client the placer uses, so tests can hand in a stub. */
export type TwilioCallsClient = {
  calls: ((sid: string) => { fetch(): Promise<{ status: string; answeredBy: string | null }> }) & {
    create(params: {
      to: string;
      from: string;
      url: string;
      statusCallback: string;
      statusCallbackEvent: string[];
      timeout: number;
      machineDetection: string;
    }): Promise<{ sid: string }>;
    list(params: { to: string; from: string; startTimeAfter: Date; pageSize?: number; limit?: number }): Promise<{ sid: string; dateCreated: Date }[]>;
  };
};

/** How many recent calls to a number a look-up reads before it concludes the call was not placed. */
const LOOKUP_LIMIT = 100;
/** Twilio's clock may run behind ours by this much. */
const CLOCK_SKEW_MS = 30_000;

/**
 * Places calls with Twilio's Calls API: it rings `timeout` seconds, detects answering machines
 * (`machineDetection: 'Enable'`: the answer URL and the status callback carry AnsweredBy), and posts
 * every status change to the status callback, where only the final one counts. A 400 answer (a bad
 * number, a caller ID not allowed) becomes CallRejectedError; anything else is retried.
 */
export function twilioCallPlacer({ client }: { client: TwilioCallsClient }): CallPlacer {
  return {
    async place({ to, from, url, statusCallback, ringSec }) {
      try {
        const call = await client.calls.create({
          to,
          from,
          url,
          statusCallback,
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          timeout: ringSec,
          machineDetection: 'Enable',
        });
        return { sid: call.sid };
      } catch (err) {
        if (err instanceof twilio.RestException && err.status === 400) throw new CallRejectedError(`Twilio refused the call (HTTP 400, code ${err.code ?? 'none'}): ${err.message}`, err.code);
        throw err;
      }
    },
    async statusOf(sid) {
      const call = await client.calls(sid).fetch();
      return { status: call.status, ...(call.answeredBy ? { answeredBy: call.answeredBy } : {}) };
    },
    // Twilio filters StartTime by day only: the instant is compared here, with CLOCK_SKEW_MS of
    // slack for Twilio's clock and ours (earlier attempts are excluded by their sid, not by time).
    async findPlaced({ to, from, since, known }) {
      const calls = await client.calls.list({ to, from, startTimeAfter: new Date(since - CLOCK_SKEW_MS), pageSize: 50, limit: LOOKUP_LIMIT });
      const found = calls.find((c) => c.dateCreated.getTime() >= since - CLOCK_SKEW_MS && !known.includes(c.sid));
      return found && { sid: found.sid };
    },
  };
}
