import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openPostgres, quoteIdent, type PgPool } from '../../src/stores/postgres/open-postgres';
import { migratePostgres } from '../../src/stores/postgres/migrate-postgres';
import { openRedis, type RedisClient } from '../../src/stores/redis/open-redis';

/**
 * PostgreSQL and Redis for the tests that need them (store contracts, several servers).
 *
 * Where they are: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and
 * TEST_REDIS_URL (default redis://127.0.0.1:6379). When one is unreachable, its tests FAIL with
 * CI=true (a CI run that silently skips the scale-out tests proves nothing) and are SKIPPED with a
 * printed reason otherwise, so a laptop without them still runs the rest.
 *
 * Each test file works in its own PostgreSQL schema and under its own Redis key prefix, named
 * after the process and a random suffix, and drops them when done: runs never see each other.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Probe = { ok: true } | { ok: false; reason: string };

/** Asks a child process to reach the service (jest collects tests synchronously, so the answer must be synchronous too). */
function probe(script: string, url: string): Probe {
  try {
    execFileSync(process.execPath, ['-e', script, url], { timeout: 8000, stdio: ['ignore', 'ignore', 'pipe'], cwd: process.cwd() });
    return { ok: true };
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    return { ok: false, reason: (e.stderr?.toString().trim() || e.message).split('\n').slice(-1)[0] };
  }
}

const PG_PROBE = `
const { Client } = require('pg');
const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });`;
const REDIS_PROBE = `
const Redis = require('ioredis');
const r = new Redis(process.argv[1], { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
r.on('error', () => {});
r.connect().then(() => r.ping()).then(() => r.quit()).catch((e) => { console.error(e.message); process.exit(1); });`;

const cache = new Map<string, Probe>();
function reachable(service: 'PostgreSQL' | 'Redis', variable: string, url: string, script: string): boolean {
  const key = `${service} ${url}`;
  if (!cache.has(key)) cache.set(key, probe(script, url));
  const result = cache.get(key)!;
  if (result.ok) return true;
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  if (process.env.CI === 'true') {
    throw new Error(`${service} is not reachable at ${shown} (${result.reason}) and CI=true: start it (.ci/run does) or point ${variable} at one. The scale-out tests must run in CI.`);
  }
  process.stderr.write(`\n  SKIPPED: tests that need ${service}: not reachable at ${shown} (${result.reason}). Start it or set ${variable}; with CI=true this fails.\n`);
  return false;
}

export const postgresReachable = () => reachable('PostgreSQL', 'TEST_DATABASE_URL', TEST_DATABASE_URL, PG_PROBE);
export const redisReachable = () => reachable('Redis', 'TEST_REDIS_URL', TEST_REDIS_URL, REDIS_PROBE);

/** `describe` when PostgreSQL (and Redis, if asked) can be reached; otherwise a skipped `describe` that says why. */
export function describeWith(needs: { postgres?: boolean; redis?: boolean }, name: string, body: () => void): void {
  const missing = [needs.postgres && !postgresReachable() && 'PostgreSQL', needs.redis && !redisReachable() && 'Redis'].filter(Boolean);
  if (missing.length === 0) describe(name, body);
  else describe.skip(`${name} (skipped: ${missing.join(' and ')} not reachable)`, body);
}

/** A name no other run uses: lower-case, digits and _ (fits a schema name and a key prefix). */
export function uniqueName(what: string): string {
  return `${what}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * A migrated schema of its own for one test file. `fresh()` empties every table (tests in a file
 * run one after another) and hands out the pool; `drop()` (afterAll) drops the schema.
 */
export function testSchema() {
  const schema = uniqueName('ivr_test');
  let pool: PgPool | undefined;
  let tables: string[] = [];
  const open = async (): Promise<PgPool> => {
    if (!pool) {
      pool = openPostgres(TEST_DATABASE_URL, { schema, max: 6 });
      await migratePostgres(pool, { schema });
      const { rows } = await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'", [schema]);
      tables = rows.map((r) => r.tablename);
    }
    return pool;
  };
  return {
    schema,
    url: `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`,
    open,
    async fresh(): Promise<PgPool> {
      const p = await open();
      await p.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')} RESTART IDENTITY`);
      return p;
    },
    /** Another pool on the same schema, as a second server holds. */
    another(): PgPool {
      return openPostgres(TEST_DATABASE_URL, { schema, max: 4 });
    },
    async drop(): Promise<void> {
      const admin = openPostgres(TEST_DATABASE_URL, { max: 1 });
      try {
        await pool?.end();
        await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A Redis key prefix of its own for one test file; `fresh()` a new prefix below it per test; `drop()` deletes every key under it. */
export function testRedis() {
  const prefix = `${uniqueName('ivr_test')}:`;
  let redis: RedisClient | undefined;
  let n = 0;
  const client = () => (redis ??= openRedis(TEST_REDIS_URL, { connectionName: 'ivr-test' }));
  return {
    prefix,
    client,
    fresh: () => ({ redis: client(), keyPrefix: `${prefix}${++n}:` }),
    async drop(): Promise<void> {
      const r = client();
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length) await r.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await r.quit();
      redis = undefined;
    },
  };
}
