import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createServices } from '../../src/server/create-services';
import { createLogger } from '../../src/server/logger';
import { FIRST_CALL_AFTER_MS } from '../../src/services/callbacks/callback-schedule';
import { recordingSmsSender } from '../../src/services/sms/sms-sender';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { DEMO_LINE, FIXTURE_FLOWS, OPEN_HOURS, testConfig, type LogLines } from '../helpers/webhook-app';

const ZHANG = '+8613800138000';

describe('call backs without a Twilio account (development)', () => {
  it('logs the call back it would place, with the number masked, and does not pretend it was placed', async () => {
    const logs: LogLines = [];
    const config = testConfig();
    expect(config.smsDelivery).toBe('log');
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const services = createServices(config, {
      project: loadProjectOrThrow(FIXTURE_FLOWS),
      clock,
      smsSender: recordingSmsSender(),
      timers: false,
      logger: createLogger('info', { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) }),
    });
    const { ticketId } = await services.handlers.createTicket({
      id: 'stolen_ticket',
      kind: 'createTicket',
      key: 'CAlog1/stolen_ticket',
      args: { category: 'emergency', priority: 'urgent', summary: '账号被盗', notify: false, vars: {} },
      call: { sid: 'CAlog1', from: ZHANG, hotline: 'demo', lang: 'zh-CN', path: ['main'] },
    });
    expect(await services.callbacks.get(ticketId)).toMatchObject({ status: 'pending', to: ZHANG, from: DEMO_LINE, queue: 'urgent' });

    clock.advance(FIRST_CALL_AFTER_MS);
    expect(await services.dialler.flush()).toMatchObject({ placed: 0, retrying: 1 });
    expect(await services.callbacks.get(ticketId)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(logs.find((l) => l.msg === 'call back not placed (TWILIO_ACCOUNT_SID is not set)')).toMatchObject({ to: '138****8000' });
    expect(JSON.stringify(logs)).not.toContain(ZHANG);
    await services.close();
  });
});
