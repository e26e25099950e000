import type { Config } from '../config/config';
import { createLogger } from './logger';
import { createServices, undecodableReporter, type ServiceDeps, type Services } from './create-services';

/** pg and the PostgreSQL stores are required only for PostgreSQL: SQLite and memory servers start without them. */
const postgresParts: typeof import('./postgres-parts').postgresParts = (...args) =>
  (require('./postgres-parts') as typeof import('./postgres-parts')).postgresParts(...args);

/** A store named in the configuration cannot be reached at start. */
export class StoreUnreachableError extends Error {
  readonly code = 'STORE_UNREACHABLE';
}

/**
 * The services `ivr serve` runs on, for every DATABASE_URL: PostgreSQL is migrated first (which
 * takes a round trip, hence async), SQLite and memory are built as `createServices` does. When
 * REDIS_URL is set, Redis must answer before the server starts taking calls.
 */
export async function openServices(config: Config, deps: ServiceDeps): Promise<Services> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const parts =
    config.database.kind === 'postgres' && !deps.parts
      ? await postgresParts(config.database, { accountsFile: config.accountsFile, clock: deps.clock, logger, onUndecodable: undecodableReporter({ ...deps, logger }) })
      : deps.parts;
  let services: Services;
  try {
    services = createServices(config, { ...deps, logger, ...(parts ? { parts } : {}) });
  } catch (err) {
    await parts?.close();
    throw err;
  }
  if (config.redisUrl) {
    try {
      await services.sessions.ping();
    } catch (err) {
      await services.close();
      throw new StoreUnreachableError(`Redis at REDIS_URL does not answer: ${(err as Error).message} (start it, fix REDIS_URL, or unset it to keep calls in the database)`, { cause: err });
    }
  }
  return services;
}
