import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { createServices } from '../../src/server/create-services';
import { createLogger } from '../../src/server/logger';
import { openServices } from '../../src/server/open-services';
import { aSession } from '../helpers/store-contracts';
import { describeWith, TEST_REDIS_URL, testRedis, testSchema } from '../helpers/external-services';
import { shippedProject } from '../helpers/services-app';
import { testConfig } from '../helpers/webhook-app';

const clock = new SimulatedClock(parseInstant('2026-11-23T10:00:00+08:00'));
const logger = createLogger('silent');

describe('the services ivr serve opens, by DATABASE_URL and REDIS_URL', () => {
  it('refuses to start when Redis at REDIS_URL does not answer, saying what to do', async () => {
    const config = testConfig({ DATABASE_URL: 'memory:', REDIS_URL: 'redis://127.0.0.1:1' });
    await expect(openServices(config, { project: shippedProject(), clock, logger, timers: false })).rejects.toThrow(
      /^Redis at REDIS_URL does not answer: .* \(start it, fix REDIS_URL, or unset it to keep calls in the database\)$/,
    );
  });

  it('says to use openServices when createServices is given PostgreSQL', () => {
    const config = testConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(() => createServices(config, { project: shippedProject(), clock, logger, timers: false })).toThrow(
      'DATABASE_URL is PostgreSQL: build the services with openServices() (src/server/open-services.ts), which migrates the database first',
    );
  });

  describeWith({ postgres: true, redis: true }, 'on PostgreSQL and Redis', () => {
    const db = testSchema();
    const redis = testRedis();
    afterAll(async () => {
      await redis.drop();
      await db.drop();
    });

    it('migrates PostgreSQL, loads ACCOUNTS_FILE, keeps calls in progress in Redis, and closes every pool', async () => {
      const config = testConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redis.prefix });
      const services = await openServices(config, { project: shippedProject(), clock, logger, timers: false });
      try {
        const { rows } = await (await db.open()).query<{ id: string }>('SELECT id FROM accounts ORDER BY id');
        expect(rows.map((r) => r.id)).toEqual(['E20001', 'U10001', 'U10002', 'U10003']);
        expect(await services.sessions.insert(aSession('CA1'))).toBe(true);
        expect(await redis.client().exists(`${redis.prefix}session:CA1`)).toBe(1);
        await expect(services.calls.ping()).resolves.toBeUndefined();
      } finally {
        await services.close({ flushOutbox: true });
      }
    });

    it('keeps calls in progress in PostgreSQL without REDIS_URL', async () => {
      const config = testConfig({ DATABASE_URL: db.url });
      const services = await openServices(config, { project: shippedProject(), clock, logger, timers: false });
      try {
        expect(await services.sessions.insert(aSession('CA2'))).toBe(true);
        const { rows } = await (await db.open()).query<{ call_sid: string }>('SELECT call_sid FROM call_sessions');
        expect(rows.map((r) => r.call_sid)).toEqual(['CA2']);
      } finally {
        await services.close();
      }
    });
  });
});
