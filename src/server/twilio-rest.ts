import type twilio from 'twilio';
import type { Config } from '../config/config';
import type { QueueDirectory } from '../desk/queue-directory';
import { twilioQueueDirectory } from '../desk/twilio-queue-directory';
import type { CallPlacer } from '../services/callbacks/call-placer';
import type { SmsSender } from '../services/sms/sms-sender';

/**
 * The server's one Twilio REST client, for the SMS it sends, the call backs it places and the
 * queues it reads (the agent desk, the queue sweep). Made on first use and required here, not at
 * the top: the SDK (axios, jsonwebtoken) costs about 100 ms at start-up, paid only by a server that
 * talks to Twilio's REST API (TWILIO_API_BASE_URL honoured).
 */
export function twilioRest(config: Config) {
  let client: twilio.Twilio | undefined;
  let directory: QueueDirectory | undefined;
  const shared = (): twilio.Twilio => {
    if (!client) {
      const { createTwilioClient } = require('../telephony/twilio-rest/twilio-client') as typeof import('../telephony/twilio-rest/twilio-client');
      client = createTwilioClient({ accountSid: config.twilio.accountSid, authToken: config.twilio.authToken, apiBaseUrl: config.twilio.apiBaseUrl, timeoutMs: config.twilio.timeoutMs });
    }
    return client;
  };
  return {
    /** SMS through the Messages API. */
    smsSender(): SmsSender {
      const { twilioSmsSender } = require('../telephony/twilio-rest/twilio-sms-sender') as typeof import('../telephony/twilio-rest/twilio-sms-sender');
      return twilioSmsSender({ client: shared() });
    },
    /** Calls through the Calls API. */
    callPlacer(): CallPlacer {
      const { twilioCallPlacer } = require('../telephony/twilio-rest/twilio-call-placer') as typeof import('../telephony/twilio-rest/twilio-call-placer');
      return twilioCallPlacer({ client: shared() });
    },
    /** Who waits in the queues (Queues and Members), the client made when first asked. */
    queueDirectory(): QueueDirectory {
      return (directory ??= twilioQueueDirectory(shared()));
    },
  };
}
