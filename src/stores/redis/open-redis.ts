import Redis from 'ioredis';

export type RedisClient = Redis;

/**
 * Connects to REDIS_URL. A request fails after two reconnect attempts instead of waiting for Redis
 * forever, so a Redis outage becomes a fault the turn deadline answers with an apology, and the
 * readiness probe fails fast. Errors between requests go to `onError` (a log line), not a crash.
 */
export function openRedis(url: string, opts: { onError?: (err: Error) => void; connectionName?: string } = {}): RedisClient {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 2,
    connectTimeout: 5000,
    connectionName: opts.connectionName ?? 'ivr',
    // Reconnect quickly but not in a tight loop.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  redis.on('error', (err: Error) => opts.onError?.(err));
  return redis;
}
