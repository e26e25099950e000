import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Services } from './create-services';

export type Shutdown = { stop(signal: string): Promise<void>; readonly inFlight: number };

/**
 * What `ivr serve` does on SIGTERM (a deploy, a scale-in) or SIGINT: stop accepting connections
 * at once (the load balancer sends new turns to the other servers), let the turns in flight
 * finish and answer, close each keep-alive connection as it falls idle, stop the background work,
 * send what is due in the SMS outbox once more, close the pools (PostgreSQL, Redis, SQLite) and
 * exit 0. If that takes longer than `timeoutMs`, it says so and exits 1.
 */
export function gracefulShutdown(opts: {
  server: Server;
  services: Pick<Services, 'close'>;
  logger: Pick<Logger, 'info' | 'error'>;
  timeoutMs: number;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}): Shutdown {
  const { server, services, logger, timeoutMs } = opts;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let inFlight = 0;
  let stopping: Promise<void> | undefined;

  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      // After close() the server waits for every connection; a keep-alive one that just answered its last turn can go.
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });

  async function run(signal: string): Promise<void> {
    logger.info({ signal, inFlight, timeoutMs }, 'stopping: no new connections; finishing the turns in flight');
    const deadline = setTimeout(() => {
      const message = `ivr serve: could not stop within ${timeoutMs} ms (${inFlight} request(s) still running); exiting with 1 (raise SHUTDOWN_TIMEOUT_MS if turns legitimately take longer)`;
      logger.error({ inFlight, timeoutMs }, message);
      process.stderr.write(`${message}\n`);
      exit(1);
    }, timeoutMs);
    try {
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
