import { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../../config/config';
import { DiagnosticsError, formatDiagnostic } from '../../diagnostics';
import { systemClock } from '../../platform/clock';
import { createApp } from '../../server/create-app';
import { createLogger } from '../../server/logger';
import { gracefulShutdown } from '../../server/graceful-shutdown';
import { openServices } from '../../server/open-services';
import { loadProjectOrThrow } from '../../sim/simulate-call';
import { createMetrics } from '../../metrics/ivr-metrics';
import { watchFlows } from '../../server/reload/watch-flows';

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

    let project;
    try {
      project = loadProjectOrThrow(config.flowsDir);
    } catch (err) {
      if (err instanceof DiagnosticsError) {
        for (const d of err.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`ivr serve: the flows in ${config.flowsDir} have problems (above); fix them or set FLOWS_DIR\n`);
        process.exit(1);
      }
      throw err;
    }

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
    const app = createApp({ config, project, clock: systemClock, services, logger, metrics });
    // Express 5 calls back with the error when the port cannot be had.
    const server = app.listen(config.port, (err?: Error) => {
      if (err) {
        process.stderr.write(`ivr serve: cannot listen on port ${config.port}: ${err.message} (set PORT)\n`);
        process.exit(1);
      }
      const { port } = server.address() as AddressInfo;
      logger.info(
        { port, publicBaseUrl: config.publicBaseUrl, flows: project.flows.size, database: config.database.kind, sms: config.smsDelivery, smsFlushIntervalMs: config.smsFlushIntervalMs },
        'ivr serving',
      );
    });
    // Hot reload: a saved flow (or SIGHUP) is validated, then live for new calls; calls in progress keep their version.
    const watcher = watchFlows({ dir: config.flowsDir, reload: (reason) => app.reloadFlows(reason), logger });
    server.once('close', () => watcher.close());
    // SIGTERM/SIGINT: finish the turns in flight, flush the SMS outbox once, close the pools, exit.
    gracefulShutdown({ server, services, logger, timeoutMs: config.shutdownTimeoutMs });
  });
}
