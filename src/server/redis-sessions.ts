import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { openRedis } from '../stores/redis/open-redis';
import { redisSessionStore } from '../stores/session/redis/redis-session-store';
import type { Parts } from './create-services';

/** Redis reports a lost connection on every reconnect attempt; one line per this long is enough. */
const REDIS_ERROR_LOG_EVERY_MS = 10_000;

/**
 * With REDIS_URL, calls in progress live in Redis instead of the database, so every server behind
 * the load balancer can take any turn of any call. Everything else stays in the database. Closing
 * the parts closes the database, then Redis. Unchanged without REDIS_URL, or when the caller
 * brought its own session store.
 */
export function withRedisSessions(parts: Parts, config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'>, opts: { logger: Pick<Logger, 'warn'>; ownSessions: boolean }): Parts {
  if (!config.redisUrl || opts.ownSessions) return parts;
  let lastLogged = 0;
  const redis = openRedis(config.redisUrl, {
    onError: (err) => {
      if (Date.now() - lastLogged < REDIS_ERROR_LOG_EVERY_MS) return;
      lastLogged = Date.now();
      opts.logger.warn({ err }, 'Redis connection trouble; reconnecting (calls in progress cannot be continued meanwhile)');
    },
  });
  // Sessions and records no longer share a database: a turn writes one, then the other.
  const { turns: _together, ...rest } = parts;
  return {
    ...rest,
    sessions: redisSessionStore(redis, { keyPrefix: config.redisKeyPrefix }),
    async close() {
      await parts.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
