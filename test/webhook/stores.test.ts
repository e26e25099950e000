import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { pgCallStore } from '../../src/stores/calls/postgres/pg-call-store';
import { sqliteCallStore } from '../../src/stores/calls/sqlite/sqlite-call-store';
import { memorySessionStore } from '../../src/stores/session/memory/memory-session-store';
import { pgSessionStore } from '../../src/stores/session/postgres/pg-session-store';
import { redisSessionStore } from '../../src/stores/session/redis/redis-session-store';
import { sqliteSessionStore } from '../../src/stores/session/sqlite/sqlite-session-store';
import { migrateSqlite } from '../../src/stores/sqlite/migrate-sqlite';
import { openSqlite, type SqliteDatabase } from '../../src/stores/sqlite/open-sqlite';
import { describeWith, testRedis, testSchema } from '../helpers/external-services';
import { callStoreContract } from '../services/contracts/call-store.contract';
import { sessionStoreContract } from '../services/contracts/session-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'ivr-stores-'));
const open: SqliteDatabase[] = [];
let n = 0;
const sqlite = () => {
  const db = openSqlite(join(dir, `store-${n++}.db`));
  migrateSqlite(db);
  open.push(db);
  return db;
};
afterAll(() => {
  for (const db of open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

sessionStoreContract('memory', () => ({ store: memorySessionStore() }));
sessionStoreContract('SQLite', () => ({ store: sqliteSessionStore(sqlite()) }));
callStoreContract('memory', () => ({ store: memoryCallStore() }));
callStoreContract('SQLite', () => ({ store: sqliteCallStore(sqlite()) }));

describeWith({ postgres: true }, 'call stores over PostgreSQL', () => {
  const db = testSchema();
  afterAll(() => db.drop());
  sessionStoreContract('PostgreSQL', async () => ({ store: pgSessionStore(await db.fresh()) }));
  callStoreContract('PostgreSQL', async () => ({ store: pgCallStore(await db.fresh()) }));

  it('deletes call records past retention (ivr purge), answering how many there were', async () => {
    const { aCallRecord } = await import('../helpers/store-contracts');
    const store = pgCallStore(await db.fresh());
    for (const sid of ['CA1', 'CA2', 'CA3']) await store.open(aCallRecord(sid, Date.UTC(2026, 0, 1)));
    expect(await store.deleteCalls(['CA1', 'CA3', 'CA404'])).toBe(2);
    expect(await store.deleteCalls([])).toBe(0);
    expect((await store.list({ limit: 10 })).map((r) => r.callSid)).toEqual(['CA2']);
  });

  it('keeps every update when two servers update one call at once (compare-and-set, retried)', async () => {
    const { aCallRecord } = await import('../helpers/store-contracts');
    const one = pgCallStore(await db.fresh());
    const other = db.another();
    try {
      const two = pgCallStore(other);
      await one.open(aCallRecord('CA1', Date.UTC(2026, 0, 1)));
      const bump = (r: Parameters<Parameters<typeof one.update>[1]>[0]) => ({ ...r, faults: r.faults + 1 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).update('CA1', bump)));
      expect((await two.get('CA1'))!.faults).toBe(10);
    } finally {
      await other.end();
    }
  });
});

describeWith({ redis: true }, 'call sessions in Redis', () => {
  const redis = testRedis();
  afterAll(() => redis.drop());
  sessionStoreContract('Redis', () => {
    const { redis: client, keyPrefix } = redis.fresh();
    return { store: redisSessionStore(client, { keyPrefix }) };
  });

  it('keeps each key prefix apart, so deployments and test runs can share one Redis', async () => {
    const a = redisSessionStore(redis.client(), { keyPrefix: `${redis.prefix}blue:` });
    const b = redisSessionStore(redis.client(), { keyPrefix: `${redis.prefix}green:` });
    const { aSession } = await import('../helpers/store-contracts');
    await a.insert(aSession('CA1'));
    expect(await b.get('CA1', Date.UTC(2026, 10, 23, 13, 0))).toBeUndefined();
    expect(await b.deleteExpired(Number.MAX_SAFE_INTEGER)).toBe(0);
    expect(await a.get('CA1', Date.UTC(2026, 10, 23, 13, 0))).toBeDefined();
  });

  it('lets Redis drop an abandoned call by itself: every session key carries a TTL', async () => {
    const { redis: client, keyPrefix } = redis.fresh();
    const store = redisSessionStore(client, { keyPrefix });
    const { aSession } = await import('../helpers/store-contracts');
    await store.insert(aSession('CA1', { updatedAt: 0, expiresAt: 4 * 60 * 60_000 }));
    const ttl = await client.pttl(`${keyPrefix}session:CA1`);
    expect(ttl).toBeGreaterThan(4 * 60 * 60_000 - 5_000);
    expect(ttl).toBeLessThanOrEqual(4 * 60 * 60_000 + 60_000);
  });
});

it('creates the SQLite file and its folder on first start, in WAL mode', () => {
  const db = openSqlite(join(dir, 'fresh', 'data', 'ivr.db'));
  open.push(db);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
});
