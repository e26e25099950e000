import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { parseInstant } from '../platform/clock';

/**
 * The server's settings as `ivr serve` reads them (.env, then the environment), for the
 * operator's commands that work on its database. A bad setting ends the command with one line.
 */
export function readServerConfig(command: string): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(command, err.message);
    throw err;
  }
}

/** `--at` as epoch ms, or now. */
export function timeOption(command: string, at: string | undefined): number {
  if (at === undefined) return Date.now();
  try {
    return parseInstant(at);
  } catch (err) {
    return fail(command, `--at: ${(err as Error).message}`);
  }
}

export function fail(command: string, message: string): never {
  process.stderr.write(`ivr ${command}: ${message}\n`);
  process.exit(1);
}
