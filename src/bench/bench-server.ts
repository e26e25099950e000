/**
 * The benchmark's server: the real app (`createApp` over `openServices`) on one store setup, or the
 * bare Express route, in a child process of `ivr bench`, on a loopback port. Answers `stats`
 * (memory after a full GC, stored session sizes) and `close` over IPC.
 *
 *   node --require tsx/cjs --expose-gc src/bench/bench-server.ts <memory|sqlite|redis-pg|bare>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pino from 'pino';
import { loadConfig } from '../config/config';
import { parseInstant, type Clock } from '../platform/clock';
import { createApp } from '../server/create-app';
import { createLogger } from '../server/logger';
import { openServices } from '../server/open-services';
import type { SmsSender } from '../services/sms/sms-sender';
import { loadProjectOrThrow } from '../sim/simulate-call';
import type { Services } from '../server/create-services';
import type { Session } from '../stores/session/session';
import { openPostgres, quoteIdent } from '../stores/postgres/open-postgres';
import { openRedis } from '../stores/redis/open-redis';
import { BARE_PATH, BENCH_AUTH_TOKEN, BENCH_PUBLIC_URL, type FromServer, type ServerStats, type Setup, type ToServer } from './bench-setups';
import { BENCH_START } from './call-paths';

const FIXED_TWIML =
  `<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf" action="${BENCH_PUBLIC_URL}${BARE_PATH}?n=2" method="POST" actionOnEmptyResult="true" timeout="5" finishOnKey="" numDigits="1">` +
  '<Say voice="Polly.Zhiyu" language="cmn-CN">账号问题请按1，内容违规申诉请按2，电商服务请按3，人工服务请按0。</Say></Gather></Response>';

const send = (m: FromServer) => process.send!(m);

/** Records the size of every 8th session stored (measuring costs a JSON.stringify), to report the largest. */
function measured(services: Services, sizes: { max: number; total: number; count: number }): Services {
  let n = 0;
  const note = (s: Session) => {
    if (n++ % 8 !== 0 && !s.ended) return;
    const bytes = Buffer.byteLength(JSON.stringify(s));
    sizes.max = Math.max(sizes.max, bytes);
    sizes.total += bytes;
    sizes.count++;
  };
  const { sessions, turns } = services;
  return {
    ...services,
    sessions: { ...sessions, get: (sid, now) => sessions.get(sid, now), insert: async (s) => (note(s), sessions.insert(s)), save: async (s) => (note(s), sessions.save(s)) },
    turns: { start: async (s, r, change) => (note(s), turns.start(s, r, change)), commit: async (s, change) => (note(s), turns.commit(s, change)) },
  };
}

/** A clock that reads BENCH_START when the server starts, then runs at real speed. */
function benchClock(): Clock {
  const offset = parseInstant(BENCH_START) - Date.now();
  return { now: () => Date.now() + offset };
}

/**
 * Twilio's stand-in: accepts every SMS, answering on the next turn of the event loop as a network
 * reply would. (Answering at once would let the outbox sender write hundreds of rows in one
 * uninterrupted run of microtasks, a stall no real provider allows.)
 */
const noSms: SmsSender = {
  send: (m) => new Promise((resolve) => setImmediate(() => resolve({ sid: `SM${m.key.length.toString(16).padStart(32, '0')}` }))),
};

async function serve(setup: Setup | 'bare'): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const stats = () => {
    const loopDelay = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    global.gc?.();
    loop.reset();
    const mem = process.memoryUsage();
    return { heapUsed: mem.heapUsed, rss: mem.rss, sessionBytes: { max: sizes.max, mean: sizes.count ? sizes.total / sizes.count : 0, count: sizes.count }, loopDelay } satisfies ServerStats;
  };
  const sizes = { max: 0, total: 0, count: 0 };
  const cleanups: (() => Promise<void> | void)[] = [];

  let listen: (port: number, cb: () => void) => import('node:http').Server;
  if (setup === 'bare') {
    const bare = express();
    // As the app: no ETag (Twilio never revalidates), no X-Powered-By.
    bare.set('etag', false);
    bare.disable('x-powered-by');
    bare.post(BARE_PATH, (_req, res) => {
      res.type('text/xml').send(FIXED_TWIML);
    });
    listen = (port, cb) => bare.listen(port, '127.0.0.1', cb);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-bench-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // BENCH_SQLITE_FILE / BENCH_PG_SCHEMA: a database filled beforehand (the report bench's records).
    const schema = process.env.BENCH_PG_SCHEMA ?? `ivr_bench_${process.pid}`;
    const prefix = `ivr-bench:${process.pid}:`;
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: BENCH_PUBLIC_URL,
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: BENCH_AUTH_TOKEN,
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      OTP_SECRET: 'bench-otp-secret-0123456789abcdef0123456789',
      LOG_LEVEL: 'info',
      // A deployment taking a thousand turns a second raises the default 1000 SMS per hour: the
      // bench measures SMS that are queued and sent, not the cheaper path of refusing them.
      SMS_GLOBAL_PER_HOUR: '1000000',
      DATABASE_URL:
        setup === 'memory' ? 'memory:' : setup === 'sqlite' ? `sqlite:${process.env.BENCH_SQLITE_FILE ?? join(dir, 'ivr.db')}` : `${process.env.BENCH_DATABASE_URL}${process.env.BENCH_DATABASE_URL!.includes('?') ? '&' : '?'}schema=${schema}`,
      ...(setup === 'redis-pg' ? { REDIS_URL: process.env.BENCH_REDIS_URL!, REDIS_KEY_PREFIX: prefix } : {}),
    };
    const config = loadConfig(env);
    const project = loadProjectOrThrow('flows');
    // Production logging (a line per turn) into /dev/null: its cost is measured, its output not kept.
    const logger = createLogger(config.logLevel, pino.destination({ dest: '/dev/null', sync: false }));
    const clock = benchClock();
    const services = await openServices(config, { project, clock, logger, smsSender: noSms });
    cleanups.push(() => services.close());
    if (setup === 'redis-pg') {
      cleanups.push(async () => {
        const pool = openPostgres(process.env.BENCH_DATABASE_URL!, { max: 1 });
        await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
        await pool.end();
        const redis = openRedis(process.env.BENCH_REDIS_URL!);
        for (let cursor = '0'; ; ) {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          if ((cursor = next) === '0') break;
        }
        await redis.quit();
      });
    }
    const app = createApp({ config, project, clock, logger, services: measured(services, sizes) });
    listen = (port, cb) => app.listen(port, '127.0.0.1', cb);
  }

  const server = listen(0, () => send({ type: 'ready', port: (server.address() as { port: number }).port }));
  server.keepAliveTimeout = 60_000;
  process.on('message', (m: ToServer) => {
    if (m.type === 'stats') send({ type: 'stats', stats: stats() });
    if (m.type === 'close') {
      server.closeAllConnections();
      server.close(async () => {
        for (const c of cleanups.reverse()) await c();
        process.exit(0);
      });
    }
  });
}

serve(process.argv[2] as Setup | 'bare').catch((err: unknown) => {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
