import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { createServices } from '../../src/server/create-services';
import { createLogger } from '../../src/server/logger';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { createTwilioClient } from '../../src/telephony/twilio-rest/twilio-client';
import { twilioSmsSender } from '../../src/telephony/twilio-rest/twilio-sms-sender';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { until } from '../helpers/served-process';
import { TwilioCaller } from '../helpers/twilio-caller';
import { AUTH_TOKEN, OPEN_HOURS, testConfig } from '../helpers/webhook-app';

const GENERAL = '+864000066888';
const ZHANG = '+8613800138000';

describe('an SMS effect that times out is cancelled, not left running', () => {
  let twilio: FakeTwilio;
  beforeEach(async () => (twilio = await startFakeTwilio({ authToken: AUTH_TOKEN })));
  afterEach(() => twilio.close());

  it('cancels the Twilio request of a code SMS when the effect times out, withdraws the code and offers a person', async () => {
    const config = testConfig({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_API_BASE_URL: twilio.baseUrl, EFFECT_TIMEOUT_MS: '2000', LOG_LEVEL: 'silent' });
    const project = loadProjectOrThrow('flows');
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const services = createServices(config, { project, clock, timers: false });
    const app = createApp({ config, project, clock, services, logger: createLogger('silent') });
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: config.publicBaseUrl, to: GENERAL, from: ZHANG });
    await caller.ring();
    await caller.press('1');
    const slow = twilio.hold();
    const pressed = caller.press('1');
    // Twilio has the request (held unanswered) well before the effect's 2 s are up.
    await until('the code request to reach Twilio', () => slow.waiting() === 1, 1500);
    await pressed;
    expect(caller.heard()).toContain('抱歉，暂时无法完成身份验证。');
    expect(caller.heard().join('')).toContain('转接');
    // The HTTP request to Twilio was cancelled by the client when the effect gave up.
    await until('the cancelled request to close', () => twilio.abandoned() === 1, 5000);
    expect((await services.otpStore.get('U10001'))?.codeHash).toBeUndefined();
    // Honest about the rest: a request Twilio had received whole may still be sent. The fake,
    // like Twilio, acts on it; its code was withdrawn, so it verifies nothing.
    slow.release();
    await until('the held request to be handled', () => twilio.messages.length === 1, 5000);
    await services.close();
  });

  it('does not reach Twilio at all with a signal that has already aborted', async () => {
    const sender = twilioSmsSender({ client: createTwilioClient({ accountSid: twilio.accountSid, authToken: AUTH_TOKEN, apiBaseUrl: twilio.baseUrl }) });
    const abort = new AbortController();
    abort.abort(new Error('the effect timed out'));
    await expect(sender.send({ key: 'k1', to: ZHANG, from: '+8610690000', body: 'x', kind: 'otp' }, { signal: abort.signal })).rejects.toThrow('the effect timed out');
    expect(twilio.requests).toEqual([]);
  });
});
