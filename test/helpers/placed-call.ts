import { createTwilioClient } from '../../src/telephony/twilio-rest/twilio-client';
import type { FakeTwilio } from './fake-twilio';

/** The real twilio client against the fake: what a dialler that died mid-attempt had already sent. */
export const client = (fake: FakeTwilio) => createTwilioClient({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.baseUrl });
