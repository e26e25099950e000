import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Services } from './create-services';
import type { Readiness } from './routes/health';

export type Shutdown = { stop(signal: string): Promise<void>; readonly inFlight: number };

/**
 * What `ivr serve` does on SIGTERM (a deploy, a scale-in) or SIGINT: fail /readyz at once, keep
 * serving for `drainMs` (SHUTDOWN_DRAIN_MS) while the load balancer takes the server out, then stop
 * accepting connections (the balancer sends new turns to the other servers), let the turns in flight
 * finish and answer, close each keep-alive connection as it falls idle, stop the background work,
 * send what is due in the SMS outbox once more, close the pools (PostgreSQL, Redis, SQLite) and
 * exit 0. If that takes longer than `timeoutMs`, it says so and exits 1.
 */
export function gracefulShutdown(opts: {
  server: Server;
  services: Pick<Services, 'close'>;
  logger: Pick<Logger, 'info' | 'error'>;
  timeoutMs: number;
  /** Told first, so /readyz fails while the server still serves. */
  readiness?: Readiness;
  /** How long to keep serving after /readyz fails, before the listener closes (the balancer's notice). */
  drainMs?: number;
  /** Waits `ms` (default a real timer); tests pass one that returns at once. */
  wait?: (ms: number) => Promise<void>;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}): Shutdown {
  const { server, services, logger, timeoutMs } = opts;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let inFlight = 0;
  let stopping: Promise<void> | undefined;
  /** Set once the listener closes (after the drain): from then on idle keep-alive connections may go. */
  let closing = false;

  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      // After close() the server waits for every connection; a keep-alive one that just answered its last turn can go.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });

  async function run(signal: string): Promise<void> {
    if (opts.readiness) opts.readiness.stopping = true;
    const drainMs = opts.drainMs ?? 0;
    // The drain is not counted against the turns' time.
    const deadline = setTimeout(() => {
      const message = `ivr serve: could not stop within ${timeoutMs} ms${drainMs > 0 ? ` after a ${drainMs} ms drain` : ''} (${inFlight} request(s) still running); exiting with 1 (raise SHUTDOWN_TIMEOUT_MS if turns legitimately take longer)`;
      logger.error({ inFlight, timeoutMs }, message);
      process.stderr.write(`${message}\n`);
      exit(1);
    }, drainMs + timeoutMs);
    try {
      if (drainMs > 0) {
        logger.info({ signal, drainMs }, 'stopping: /readyz fails now; still serving while the load balancer notices');
        await (opts.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(drainMs);
      }
      logger.info({ signal, inFlight, timeoutMs }, 'stopping: no new connections; finishing the turns in flight');
      closing = true;
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      await services.close({ flushOutbox: true });
      clearTimeout(deadline);
      logger.info({ signal }, 'stopped');
      exit(0);
    } catch (err) {
      clearTimeout(deadline);
      logger.error({ err }, 'could not stop cleanly');
      process.stderr.write(`ivr serve: could not stop cleanly: ${(err as Error).message}\n`);
      exit(1);
    }
  }

  const shutdown: Shutdown = {
    stop(signal) {
      stopping ??= run(signal);
      return stopping;
    },
    get inFlight() {
      return inFlight;
    },
  };
  for (const signal of opts.signals ?? ['SIGTERM', 'SIGINT']) process.once(signal, () => void shutdown.stop(signal));
  return shutdown;
}
