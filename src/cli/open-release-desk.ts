import { userInfo } from 'node:os';
import { systemClock } from '../platform/clock';
import { releaseDesk, type ReleaseDesk } from '../releases/release-desk';
import { openReleaseStore } from '../stores/releases/open-release-store';
import { fail, readServerConfig } from './read-config';

/**
 * The release desk on the server's DATABASE_URL and FLOWS_DIR, for `ivr publish`, `versions`,
 * `diff` and `rollback`; `work` runs with it and the store is closed after.
 */
export async function withReleaseDesk<T>(command: string, work: (desk: ReleaseDesk) => Promise<T>): Promise<T> {
  const config = readServerConfig(command);
  if (config.database.kind === 'memory') fail(command, 'DATABASE_URL=memory: keeps no releases after its server stops; point DATABASE_URL at the servers\' database (e.g. sqlite:data/ivr.db or postgres://…)');
  const store = await openReleaseStore(config.database, systemClock).catch((err: Error) => fail(command, err.message));
  try {
    return await work(releaseDesk({ store, cacheDir: config.releases.cacheDir, dir: config.flowsDir, clock: systemClock }));
  } finally {
    await store.close();
  }
}

/** Who does it, in the audit: --by, else the operating-system user. */
export const whoIs = (by: string | undefined): string => by ?? userInfo().username;
