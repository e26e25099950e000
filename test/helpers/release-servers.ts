import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../src/config/config';
import { createApp } from '../../src/server/create-app';
import { createLogger } from '../../src/server/logger';
import { openServices } from '../../src/server/open-services';
import { openReleases } from '../../src/server/releases/open-releases';
import { createMetrics } from '../../src/metrics/ivr-metrics';
import type { ServicesWorld } from './services-app';
import { GENERAL, PUBLIC_BASE_URL } from './services-app';
import { TwilioCaller } from './twilio-caller';
import { AUTH_TOKEN, testConfig, type LogLines } from './webhook-app';

/** The general line's main menu as shipped, and as a designer rewords it in the draft. */
export const MAIN_MENU_KEY = 'general.main_menu';

/**
 * Servers as `ivr serve` builds them on releases (openReleases, then the services, then the app
 * with its release runtime), over a world's database, with the working files in a copy of flows/.
 * Each server has a cache folder of its own, empty at start: what it runs comes from the database.
 * Nothing polls by itself: a test calls `poll()` where the interval would fire.
 */
export function releaseServers(world: ServicesWorld, database: string) {
  const flowsDir = join(world.dir, 'working-flows');
  cpSync('flows', flowsDir, { recursive: true });
  let n = 0;
  const open: Array<() => Promise<void>> = [];
  async function server(env: Record<string, string> = {}) {
    const config: Config = testConfig({
      DATABASE_URL: database,
      FLOWS_DIR: flowsDir,
      RELEASES_CACHE_DIR: join(world.dir, `cache-${++n}`),
      TWILIO_ACCOUNT_SID: world.twilio.accountSid,
      TWILIO_API_BASE_URL: world.twilio.baseUrl,
      SMS_FLUSH_INTERVAL_MS: '0',
      ...env,
    });
    const logs: LogLines = [];
    const logger = createLogger(config.logLevel, { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) });
    const metrics = createMetrics();
    const opened = await openReleases(config, { clock: world.clock, logger, by: `server ${n}` });
    const services = await openServices(config, { project: opened.project, clock: world.clock, logger, timers: false, metrics });
    const app = createApp({ config, project: opened.project, clock: world.clock, services, logger, metrics, releases: { ...opened, timers: false } });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await services.close();
      await opened.store.close();
    };
    open.push(close);
    return {
      app,
      desk: opened.desk,
      logs,
      /** What the poll does every RELEASE_POLL_INTERVAL_MS. */
      poll: () => app.releases!.check(),
      caller: (from: string, opts: { sid?: string } = {}) => new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE_URL, to: GENERAL, from, ...opts }),
      close,
    };
  }
  return {
    flowsDir,
    server,
    /** Closes every server still open (afterEach). */
    closeAll: () => Promise.all(open.splice(0).map((c) => c())),
    /** The designer rewords a catalogue prompt in the working files (not published). */
    reword(key: string, text: string, lang = 'zh-CN') {
      const file = join(flowsDir, 'prompts', `${lang}.yaml`);
      const before = readFileSync(file, 'utf8');
      const after = before.replace(new RegExp(`^${key.replace(/\./g, '\\.')}: .*$`, 'm'), `${key}: ${text}`);
      if (after === before) throw new Error(`no prompt ${key} in ${file}`);
      writeFileSync(file, after);
    },
  };
}
export type ReleaseServer = Awaited<ReturnType<ReturnType<typeof releaseServers>['server']>>;
