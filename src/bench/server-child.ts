import { fork, type ChildProcess } from 'node:child_process';
import { DEFAULT_HEAP_MB } from '../cli/heap-limit';
import { join } from 'node:path';
import type { FromServer, ServerStats, Setup, ToServer } from './bench-setups';

/** A server under load in a process of its own: where it listens, its pid (for /proc), how long it took to answer. */
export type RunningServer = {
  port: number;
  pid: number;
  /** From starting the process to its being ready to answer (see each starter for what "ready" is). */
  startupMs: number;
  close(): Promise<void>;
};
export type ServerChild = RunningServer & { stats(): Promise<ServerStats> };

/**
 * Starts the bench server for `setup` in its own process (the load generator stays in this one),
 * with --expose-gc for memory samples and, when asked, --cpu-prof into `profileDir`. Its start-up
 * time runs from the fork to its 'ready' message: Node's start, loading the code and the flows,
 * opening the stores and listening. `ivr serve` takes those steps too, but also loads the CLI
 * (commander and every command's modules), reads .env and starts the flow watcher, none of which
 * this counts.
 */
export async function startServerChild(setup: Setup | 'bare', opts: { databaseUrl: string; redisUrl: string; profileDir?: string; env?: Record<string, string> }): Promise<ServerChild> {
  // Run as TypeScript through tsx (npm run bench), or as compiled JavaScript (a profile with real function names).
  const compiled = __filename.endsWith('.js');
  const forkedAt = performance.now();
  const child: ChildProcess = fork(join(__dirname, compiled ? 'bench-server.js' : 'bench-server.ts'), [setup], {
    execArgv: [
      ...(compiled ? [] : ['--require', 'tsx/cjs']),
      '--expose-gc',
      // The heap ceiling `npm start` gives the server; the memory store keeps every call record in the heap, so not that one.
      ...(setup === 'sqlite' || setup === 'redis-pg' ? [`--max-old-space-size=${DEFAULT_HEAP_MB}`] : []),
      ...(process.env.BENCH_SERVER_FLAGS ? process.env.BENCH_SERVER_FLAGS.split(' ') : []),
      ...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []),
    ],
    env: { ...process.env, BENCH_DATABASE_URL: opts.databaseUrl, BENCH_REDIS_URL: opts.redisUrl, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromServer) => {
        if (m.type === 'failed') return reject(new Error(`the ${setup} bench server could not start: ${m.message}`));
        if (m.type === type) {
          child.off('message', onMessage);
          resolve(m as Extract<FromServer, { type: T }>);
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the ${setup} bench server exited with ${code}`)));
    });
  const { port } = await next('ready');
  const startupMs = performance.now() - forkedAt;
  const ask = (m: ToServer) => child.send(m);
  return {
    port,
    pid: child.pid!,
    startupMs,
    async stats() {
      const answer = next('stats');
      ask({ type: 'stats' });
      return (await answer).stats;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        ask({ type: 'close' });
      }),
  };
}
