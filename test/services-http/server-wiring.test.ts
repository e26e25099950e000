import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createApp } from '../../src/server/create-app';
import { createServices } from '../../src/server/create-services';
import type { Timers } from '../../src/server/background-work';
import { createLogger } from '../../src/server/logger';
import { MIGRATIONS } from '../../src/stores/sqlite';
import { servicesWorld, shippedProject, MORNING, type ServicesWorld } from '../helpers/services-app';
import { testConfig } from '../helpers/webhook-app';

/** Timers that only fire when the test says so. */
function manualTimers() {
  const live = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setInterval: (run, ms) => {
      live.set(next, { run, ms });
      return next++;
    },
    clearInterval: (handle) => void live.delete(handle as number),
  };
  return { timers, live, fireAll: () => [...live.values()].forEach((t) => t.run()) };
}

describe('the server’s services, as ivr serve builds them', () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());
  const silent = createLogger('silent');

  it('opens the SQLite file of DATABASE_URL (creating its folder), migrates it and loads ACCOUNTS_FILE into it', async () => {
    const file = join(world.dir, 'fresh', 'ivr.db');
    const config = testConfig({ DATABASE_URL: `sqlite:${file}`, TWILIO_ACCOUNT_SID: world.twilio.accountSid, TWILIO_API_BASE_URL: world.twilio.baseUrl });
    const services = createServices(config, { project: shippedProject(), clock: world.clock, logger: silent, timers: false });
    await services.close();

    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').pluck().all()).toEqual(MIGRATIONS.map((m) => m.id));
    expect(db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all()).toEqual(['E20001', 'U10001', 'U10002', 'U10003']);
    db.close();
  });

  it('flushes the SMS outbox to Twilio on its interval, and stops when closed', async () => {
    const { timers, live, fireAll } = manualTimers();
    const config = testConfig({
      DATABASE_URL: `sqlite:${join(world.dir, 'ivr.db')}`,
      TWILIO_ACCOUNT_SID: world.twilio.accountSid,
      TWILIO_API_BASE_URL: world.twilio.baseUrl,
      SMS_FLUSH_INTERVAL_MS: '2000',
    });
    const services = createServices(config, { project: shippedProject(), clock: world.clock, logger: silent, timers });
    // The SMS flush, the queue sweep (10 s: there is a Twilio REST API here), the call backs (default 15 s) and the sweep of abandoned calls.
    expect([...live.values()].map((t) => t.ms).sort((x, y) => x - y)).toEqual([2000, 10_000, 15_000, 60_000]);

    await services.outbox!.enqueue({ key: 'CA1/ticket', to: '+8613800138000', from: '+8610690000001', body: '【客服中心】工单12345678', kind: 'ticket' }, world.clock.now());
    fireAll();
    await services.close();
    // close() waited for the flush that was running, then closed the database.
    expect(world.twilio.messages.map((m) => m.body)).toEqual(['【客服中心】工单12345678']);
    expect(live.size).toBe(0);
  });

  it('lets createApp build its own services from the config and close them', async () => {
    const config = testConfig({ DATABASE_URL: `sqlite:${join(world.dir, 'own.db')}`, SMS_FLUSH_INTERVAL_MS: '0' });
    const app = createApp({ config, project: shippedProject(), clock: new SimulatedClock(parseInstant(MORNING)), logger: silent });
    expect(existsSync(join(world.dir, 'own.db'))).toBe(true);
    await app.close();
  });
});
