import type { Logger } from 'pino';
import type { Config } from '../../config/config';
import { DiagnosticsError, formatDiagnostic } from '../../diagnostics';
import { loadProject, type Project } from '../../flow/load/load-project';
import type { Clock } from '../../platform/clock';
import { releaseDesk, type ReleaseDesk } from '../../releases/release-desk';
import { openReleaseStore } from '../../stores/releases/open-release-store';
import type { ReleaseStore } from '../../stores/releases/release-store';

export type OpenedReleases = { desk: ReleaseDesk; store: ReleaseStore; activeId: string; project: Project; draft?: Project };

/**
 * What a server starts on: the active release of the database. With none yet (a fresh
 * database), the working files are published as release 1 first, so a first `npm start` needs no
 * extra step. In development (AUTO_PUBLISH) files edited while the server was stopped are
 * published too, as a save would have. A draft that does not validate is logged; the active
 * release still serves.
 */
export async function openReleases(config: Config, deps: { clock: Clock; logger: Pick<Logger, 'info' | 'warn' | 'error'>; store?: ReleaseStore; by?: string }): Promise<OpenedReleases> {
  const store = deps.store ?? (await openReleaseStore(config.database, deps.clock, deps.logger));
  try {
    const desk = releaseDesk({ store, cacheDir: config.releases.cacheDir, dir: config.flowsDir, clock: deps.clock });
    const by = deps.by ?? 'ivr serve';
    let active = await desk.active(deps.clock.now());
    let draft: Project | undefined;
    if (!active || config.releases.autoPublish) {
      const message = active ? `files in ${config.flowsDir} changed while the server was stopped` : `first start: the files in ${config.flowsDir}`;
      const published = await desk.publish({ message, by });
      if (!published.ok) {
        if (!active) throw new DiagnosticsError(published.diagnostics);
        for (const d of published.diagnostics) deps.logger.error({ diagnostic: formatDiagnostic(d) }, formatDiagnostic(d));
        deps.logger.error({ problems: published.diagnostics.length }, `the working files in ${config.flowsDir} have problems (above): not published; serving release ${active.seq}`);
      } else {
        draft = await desk.projects.load(published.release);
        if (!published.unchanged) deps.logger.info({ release: published.release.id, seq: published.release.seq }, `published release ${published.release.seq}: ${message}`);
      }
      active = await desk.active(deps.clock.now());
    } else if (config.releases.testCallers.length > 0) {
      const loaded = loadProject(config.flowsDir);
      if (loaded.project) draft = loaded.project;
      else deps.logger.warn({ problems: loaded.diagnostics.length }, `the working files in ${config.flowsDir} have problems (ivr validate lists them): test callers reach the active release until they are fixed`);
    }
    if (!active) throw new Error('no active release after publishing the first one; is the database writable?');
    const project = await desk.projects.load(active);
    deps.logger.info({ release: active.id, seq: active.seq, testCallers: config.releases.testCallers.length }, `new calls start on release ${active.seq} (${active.id}): ${active.message}`);
    return { desk, store, activeId: active.id, project, ...(draft ? { draft } : {}) };
  } catch (err) {
    if (!deps.store) await store.close().catch(() => undefined);
    throw err;
  }
}
