import { getHeapStatistics } from 'node:v8';
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ConfigError, DEV_ADMIN_TOKEN, isLoopback, loadConfig, type Config } from '../../config/config';
import { DiagnosticsError, formatDiagnostic } from '../../diagnostics';
import { systemClock } from '../../platform/clock';
import { createApp } from '../../server/create-app';
import { createLogger } from '../../server/logger';
import { gracefulShutdown } from '../../server/graceful-shutdown';
import { openServices } from '../../server/open-services';
import { openReleases } from '../../server/releases/open-releases';
import { createMetrics } from '../../metrics/ivr-metrics';
import { watchFlows } from '../../server/reload/watch-flows';

/** What a person starting the server needs to know: where it answers and how to reach the admin API. */
function startBanner(config: Config, address: string, port: number): string {
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const local = isLoopback(config.host) ? ' (this machine only; set HOST and real tokens to open it up)' : '';
  const devToken = config.adminToken === DEV_ADMIN_TOKEN;
  const token = devToken ? `${DEV_ADMIN_TOKEN}  (the development token; set ADMIN_TOKEN to choose your own)` : 'the ADMIN_TOKEN you set';
  // `ivr call --via` signs for PUBLIC_BASE_URL when it is set, else for the URL it posts to: the
  // default public URL (http://localhost:PORT) is both; any other must be passed along.
  const simulated =
    new URL(config.publicBaseUrl).hostname === 'localhost'
      ? `npx ivr call 400-0066-888 --via ${config.publicBaseUrl}`
      : `PUBLIC_BASE_URL=${config.publicBaseUrl} npx ivr call 400-0066-888 --via ${origin}`;
  return [
    '',
    `ivr serving on ${origin}${local}`,
    `  Twilio webhooks:  ${config.publicBaseUrl}/twilio/voice (signatures checked against PUBLIC_BASE_URL)`,
    `  admin API token:  ${token}`,
    `  try:              curl -H "Authorization: Bearer ${devToken ? DEV_ADMIN_TOKEN : '$ADMIN_TOKEN'}" ${origin}/api/calls`,
    `  a simulated call: ${simulated}`,
    ...(config.env === 'production' ? [] : ['                    (its SMS, codes included, show in its transcript: development only)']),
    '',
    '',
  ].join('\n');
}

/**
 * `ivr serve` (npm start): the Twilio webhook server. Reads .env if present, then the environment,
 * once; a bad setting stops start-up with one line naming it.
 */
export function serveCommand(): Command {
  return new Command('serve').description('serve the Twilio voice webhook, the health probes and the admin API (settings: .env.example)').action(async () => {
    if (existsSync('.env')) process.loadEnvFile('.env');
    let config;
    try {
      config = loadConfig();
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`ivr serve: ${err.message}\n`);
        process.exit(1);
      }
      throw err;
    }
    const logger = createLogger(config.logLevel);
    for (const warning of config.warnings) logger.warn(warning);

    // New calls start on the active release of the database (the files in FLOWS_DIR are published
    // as release 1 on a fresh database, and on every save in development).
    let opened;
    try {
      opened = await openReleases(config, { clock: systemClock, logger });
    } catch (err) {
      if (err instanceof DiagnosticsError) {
        for (const d of err.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`ivr serve: the flows in ${config.flowsDir} have problems (above); fix them or set FLOWS_DIR\n`);
        process.exit(1);
      }
      process.stderr.write(`ivr serve: ${(err as Error).message}\n`);
      process.exit(1);
    }
    const { project } = opened;

    const metrics = createMetrics({ processMetrics: true });
    let services;
    try {
      services = await openServices(config, { project, clock: systemClock, logger, metrics });
    } catch (err) {
      if (err instanceof DiagnosticsError) {
        for (const d of err.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`ivr serve: the accounts file ${config.accountsFile} has problems (above); fix it or set ACCOUNTS_FILE\n`);
        process.exit(1);
      }
      process.stderr.write(`ivr serve: ${(err as Error).message}\n`);
      process.exit(1);
    }
    const readiness = { stopping: false };
    const app = createApp({ config, project, clock: systemClock, services, logger, metrics, readiness, releases: opened });
    // Express 5 calls back with the error when the port cannot be had.
    const server = app.listen(config.port, config.host, (err?: Error) => {
      if (err) {
        process.stderr.write(`ivr serve: cannot listen on ${config.host} port ${config.port}: ${err.message} (set PORT or HOST)\n`);
        process.exit(1);
      }
      const { port, address } = server.address() as AddressInfo;
      const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
      logger.info(
        { host: address, port, release: opened.activeId, build: process.env.IVR_BUILD ?? 'sources', heapLimitMb, publicBaseUrl: config.publicBaseUrl, flows: project.flows.size, database: config.database.kind, sms: config.smsDelivery, smsFlushIntervalMs: config.smsFlushIntervalMs },
        'ivr serving',
      );
      process.stderr.write(startBanner(config, address, port));
      if (config.database.kind === 'memory' && heapLimitMb < 1024) {
        logger.warn({ heapLimitMb }, 'DATABASE_URL=memory: keeps every call record in this heap, limited to %d MB: a long run fills it (set IVR_HEAP_MB higher, or use SQLite)', heapLimitMb);
      }
    });
    // Above the load balancer's idle timeout, so it never reuses a connection this side just closed;
    // headersTimeout must exceed keepAliveTimeout or Node cuts such a connection's next request.
    server.keepAliveTimeout = config.keepAliveTimeoutMs;
    server.headersTimeout = config.keepAliveTimeoutMs + 1000;
    // A saved file (or SIGHUP) reloads the draft test callers reach (and publishes it in
    // development); SIGHUP and the poll check the database for the active release.
    const watcher = watchFlows({
      dir: config.flowsDir,
      reload: (reason) => app.flowsChanged(reason).catch((err: unknown) => logger.error({ err, reason }, 'checking the flows failed; new calls keep the release they had')),
      logger,
    });
    server.once('close', () => {
      watcher.close();
      void opened.store.close().catch(() => undefined);
    });
    // SIGTERM/SIGINT: finish the turns in flight, flush the SMS outbox once, close the pools, exit.
    const shutdown = gracefulShutdown({ server, services, logger, timeoutMs: config.shutdownTimeoutMs, drainMs: config.shutdownDrainMs, readiness });
    // Under `npm start` npm forwards its signals here, but an npm killed outright would leave the
    // server answering on its own: stop when npm is gone. Only under npm: a server started with
    // nohup or by a supervisor outlives the shell that started it on purpose.
    if (process.env.npm_lifecycle_event) {
      const parent = process.ppid;
      const orphanCheck = setInterval(() => {
        if (process.ppid !== parent) void shutdown.stop('npm exited');
      }, 1000);
      orphanCheck.unref();
    }
  });
}
