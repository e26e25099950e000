import type { RedisClient } from '../../redis/open-redis';
import { SessionSchema, type Session } from '../session';
import type { SessionStore } from '../session-store';

/*
 * A session is a hash { v: version, e: expiresAt, d: the session's JSON } under <prefix>session:<CallSid>,
 * with a TTL so Redis drops abandoned calls by itself, and a sorted set <prefix>sessions:expiry
 * (CallSid by expiresAt) so the sweep can also drop them by the server's clock. Each write is one
 * Lua script: Redis runs it atomically, so the version check and the write cannot be interleaved
 * by another server's save of the same call.
 */

const INSERT = `
local e = redis.call('HGET', KEYS[1], 'e')
if e and tonumber(e) > tonumber(ARGV[4]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'e', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[6])
return 1`;

const SAVE = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v or tonumber(v) ~= tonumber(ARGV[1]) - 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'e', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[5])
return 1`;

const DELETE_EXPIRED = `
local sids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local n = 0
for _, sid in ipairs(sids) do
  local key = ARGV[2] .. sid
  local e = redis.call('HGET', key, 'e')
  if e and tonumber(e) <= tonumber(ARGV[1]) then
    redis.call('DEL', key)
    n = n + 1
  end
  if not e or tonumber(e) <= tonumber(ARGV[1]) then redis.call('ZREM', KEYS[1], sid) end
end
return { n, #sids }`;

/** Sessions dropped per script run; the sweep runs scripts until a batch comes back short. */
const SWEEP_BATCH = 500;

type SessionScripts = {
  ivrSessionInsert(key: string, index: string, version: number, expiresAt: number, data: string, updatedAt: number, ttlMs: number, callSid: string): Promise<number>;
  ivrSessionSave(key: string, index: string, version: number, expiresAt: number, data: string, ttlMs: number, callSid: string): Promise<number>;
  ivrSessionsSweep(index: string, now: number, sessionPrefix: string, batch: number): Promise<[number, number]>;
};

/** Redis's own expiry is a backstop a little longer than the session's, measured from its last save. */
const ttlMs = (s: Session) => Math.max(1000, s.expiresAt - s.updatedAt) + 60_000;

/**
 * Calls in progress in Redis, shared by every server behind the load balancer: any server can
 * take any turn of any call. Saves are compare-and-set on the version (a Lua script), so of two
 * servers answering the same turn exactly one stores its answer; the other answers what it stored.
 * The turn replies kept in the session make a retried webhook idempotent on any server.
 * Keys start with `keyPrefix` (REDIS_KEY_PREFIX), so deployments and test runs can share a Redis.
 */
export function redisSessionStore(redis: RedisClient, opts: { keyPrefix?: string } = {}): SessionStore {
  const prefix = `${opts.keyPrefix ?? 'ivr:'}session:`;
  const index = `${opts.keyPrefix ?? 'ivr:'}sessions:expiry`;
  const key = (callSid: string) => `${prefix}${callSid}`;
  if (!('ivrSessionSave' in redis)) {
    redis.defineCommand('ivrSessionInsert', { numberOfKeys: 2, lua: INSERT });
    redis.defineCommand('ivrSessionSave', { numberOfKeys: 2, lua: SAVE });
    redis.defineCommand('ivrSessionsSweep', { numberOfKeys: 1, lua: DELETE_EXPIRED });
  }
  const scripts = redis as unknown as SessionScripts;
  return {
    async get(callSid, now) {
      const [e, d] = await redis.hmget(key(callSid), 'e', 'd');
      if (e === null || d === null || Number(e) <= now) return undefined;
      return SessionSchema.parse(JSON.parse(d));
    },
    async insert(s) {
      return (await scripts.ivrSessionInsert(key(s.callSid), index, s.version, s.expiresAt, JSON.stringify(s), s.updatedAt, ttlMs(s), s.callSid)) === 1;
    },
    async save(s) {
      return (await scripts.ivrSessionSave(key(s.callSid), index, s.version, s.expiresAt, JSON.stringify(s), ttlMs(s), s.callSid)) === 1;
    },
    async delete(callSid) {
      await redis.multi().del(key(callSid)).zrem(index, callSid).exec();
    },
    async deleteExpired(now) {
      let dropped = 0;
      for (;;) {
        const [n, seen] = await scripts.ivrSessionsSweep(index, now, prefix, SWEEP_BATCH);
        dropped += n;
        if (seen < SWEEP_BATCH) return dropped;
      }
    },
    async ping() {
      await redis.ping();
    },
  };
}
