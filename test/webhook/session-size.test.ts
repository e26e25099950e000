import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller } from '../helpers/twilio-caller';

/**
 * A call's stored state stays small (issue 15 keeps it at most 4 KB): every turn's reply is kept
 * for retries, and a menu that listens carries its phrases as recogniser hints in that reply.
 */
const MAX_SESSION_BYTES = 4096;
const project = loadProjectOrThrow('flows');

describe('the size of a call session', () => {
  it('stays under 4 KB through the spoken main menu, the identity check and the account menu', async () => {
    const clock = new SimulatedClock(parseInstant('2026-11-24T10:00:00+08:00'));
    const { app, sessions, services } = webhookApp({ project, clock });
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: 'http://localhost:3000', to: '+864000066888', from: '+8613800138000' });
    const sizes: number[] = [];
    const measure = async () => sizes.push(Buffer.byteLength(JSON.stringify(await sessions.get(caller.sid, clock.now())), 'utf8'));
    await caller.ring();
    await measure();
    await caller.say('账号问题');
    await measure();
    await caller.press('1');
    await measure();
    await caller.press(services.sms.sent.at(-1)!.body.match(/\d{6}/)![0]);
    await measure();
    await caller.say('我想重置密码');
    await measure();
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_SESSION_BYTES);
    console.log(`session bytes per turn: ${sizes.join(', ')}`);
  });
});
