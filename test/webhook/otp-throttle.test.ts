import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { createServices } from '../../src/server/create-services';
import { SmsRefusedError, type SmsMessage } from '../../src/services/sms/sms-sender';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { TwilioCaller } from '../helpers/twilio-caller';
import { AUTH_TOKEN, OPEN_HOURS, testConfig, webhookApp } from '../helpers/webhook-app';

const GENERAL = '+864000066888';
const ZHANG = '+8613800138000';
const project = loadProjectOrThrow('flows');
const codeIn = (m: SmsMessage | undefined) => m!.body.match(/\d{6}/)![0];

describe('the identity check when no new code can be sent', () => {
  it('tells an owner who verified moments ago that no new code can be sent now, and puts them through to a person', async () => {
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const { app, services, config } = webhookApp({ project, clock });
    const call = () => new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: config.publicBaseUrl, to: GENERAL, from: ZHANG });
    const first = call();
    await first.ring();
    await first.press('1');
    await first.press('1');
    await first.press(codeIn(services.sms.sent.at(-1)));
    expect(first.heard()).toContain('身份验证成功。');

    clock.advance(20_000);
    const again = call();
    await again.ring();
    await again.press('1');
    await again.press('1');
    expect(again.heard()[0]).toBe('抱歉，暂时无法向您发送新的验证码。');
    expect(again.heard().join('')).toContain('转接');
    expect(services.sms.sent.filter((m) => m.kind === 'otp')).toHaveLength(1);
  });

  it('maps the SMS guard\'s refusal to the same way out: the caller hears why and reaches a person, and no code is left live', async () => {
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const config = testConfig();
    const refusing = { send: async (): Promise<{ sid: string }> => Promise.reject(new SmsRefusedError('destination_cap', 'this number had its codes for the hour')) };
    const built = createServices(config, { project, clock, smsSender: refusing, timers: false });
    const { app } = webhookApp({ project, clock, services: { ...built, sms: Object.assign(refusing, { sent: [] }) } });
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: config.publicBaseUrl, to: GENERAL, from: ZHANG });
    await caller.ring();
    await caller.press('1');
    await caller.press('1');
    expect(caller.heard()[0]).toBe('抱歉，暂时无法向您发送新的验证码。');
    expect(caller.heard().join('')).toContain('转接');
    expect((await built.otpStore.get('U10001'))?.codeHash).toBeUndefined();
  });
});
