import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller, shape } from '../helpers/twilio-caller';

const project = loadProjectOrThrow('flows');
const sorry = /something went wrong|系统暂时出现问题|not in service|暂未开通服务/;

describe('the shipped flows behind the webhook', () => {
  it.each(project.hotlines.map((h) => [h.id, h.numbers[0], h.match?.callerCountries?.[0] === undefined ? '+8613800138000' : '+14155550100'] as const))(
    'answers a call to the %s line (%s) with its greeting, open or closed',
    async (_id, number, from) => {
      for (const at of ['2026-11-24T10:00:00+08:00', '2026-11-24T03:00:00+08:00']) {
        const { app } = webhookApp({ project, clock: new SimulatedClock(parseInstant(at)) });
        const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: 'http://localhost:3000', to: number, from });
        const answer = await caller.ring();
        expect(answer.status).toBe(200);
        expect(caller.heard().length).toBeGreaterThan(0);
        expect(caller.heard().join(' ')).not.toMatch(sorry);
        // It waits for the caller (keys, a message after the beep) or ends the call.
        const verbs = shape(answer.verbs).filter((v) => !v.includes('>'));
        expect(verbs.some((v) => ['Gather', 'Record', 'Hangup', 'Enqueue'].includes(v))).toBe(true);
      }
    },
  );
});
