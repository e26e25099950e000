import type { Logger } from 'pino';
import { formatDiagnostic } from '../../diagnostics';
import type { CompiledFlow } from '../../flow/compile/compile-flow';
import { loadProject, type Project } from '../../flow/load/load-project';
import { tryNormalizeNumber } from '../../hotlines';
import type { ReleaseDesk } from '../../releases/release-desk';
import type { FlowVersions } from '../flow-versions';
import type { LiveProject, ReloadResult } from '../reload/live-project';

export type ReleaseRuntimeOptions = {
  desk: ReleaseDesk;
  live: LiveProject;
  flows: FlowVersions;
  /** The working files (FLOWS_DIR): the draft test callers reach, and what auto-publish publishes. */
  draftDir: string;
  /** The release live.current was loaded from. */
  activeId: string;
  /** The draft as loaded at start, if it validated. */
  draft?: Project;
  testCallers: readonly string[];
  /** Development: a saved file is published at once. */
  autoPublish: boolean;
  /** Who auto-publishes, in the audit. */
  by: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
};

/**
 * One server's side of releases: new calls get the active release (checked in the database on
 * every poll, so all servers follow a publish, a rollback or a scheduled activation); test callers
 * get the working draft; a call on a version this server has not loaded gets the release holding
 * it from the database.
 */
export function releaseRuntime(o: ReleaseRuntimeOptions) {
  let activeId = o.activeId;
  let draft = o.draft;
  if (draft) o.flows.add(draft);
  const testCallers = new Set(o.testCallers.map((n) => tryNormalizeNumber(n) ?? n));

  const runtime = {
    get activeId() {
      return activeId;
    },
    get draft() {
      return draft;
    },
    /** The draft for a test caller (when it validates), else undefined. */
    draftFor(from: string): Project | undefined {
      return testCallers.size > 0 && testCallers.has(tryNormalizeNumber(from) ?? from) ? draft : undefined;
    },
    /** Asks the database which release is active now, and makes it current for new calls if it changed. */
    async check(reason = 'poll'): Promise<{ changed: boolean }> {
      const release = await o.desk.active(o.desk.now());
      if (!release || release.id === activeId) return { changed: false };
      const project = await o.desk.projects.load(release);
      const result = o.live.install(project, reason);
      if (!result.ok) return { changed: false };
      o.logger.info({ release: release.id, seq: release.seq, from: activeId, reason }, `new calls now start on release ${release.seq} (${release.id}): ${release.message}`);
      activeId = release.id;
      return { changed: true };
    },
    /** Reads the working files again; test callers reach them if they validate, else the draft before. */
    reloadDraft(reason: string): ReloadResult {
      const { project, diagnostics } = loadProject(o.draftDir);
      if (!project) {
        for (const d of diagnostics) o.logger.error({ reason, diagnostic: formatDiagnostic(d) }, formatDiagnostic(d));
        const message = o.autoPublish
          ? `flows not reloaded: ${diagnostics.length} problem(s) above; calls keep running on the versions loaded before (fix the files and save again)`
          : `draft not reloaded: ${diagnostics.length} problem(s) above; test callers keep the draft loaded before (fix the files and save again)`;
        o.logger.error({ reason, problems: diagnostics.length, dir: o.draftDir }, message);
        return { ok: false, diagnostics };
      }
      o.flows.add(project);
      draft = project;
      o.logger.info({ reason, dir: o.draftDir }, 'draft reloaded: test callers reach it');
      return { ok: true, changed: [] };
    },
    /**
     * A file of the working directory was saved (or SIGHUP): reload the draft, publish it in
     * development, and check the database for the active release.
     */
    async filesChanged(reason: string): Promise<ReloadResult> {
      const result = runtime.reloadDraft(reason);
      if (result.ok && o.autoPublish) {
        const saved = reason.startsWith('changed: ') ? `saved ${reason.slice('changed: '.length)}` : `published on ${reason}`;
        const published = await o.desk.publish({ message: saved, by: o.by });
        if (published.ok && !published.unchanged) o.logger.info({ release: published.release.id, seq: published.release.seq }, `auto-published release ${published.release.seq} (development): ${saved}`);
      }
      await runtime.check(reason);
      return result;
    },
    /** The flow version a call runs, from the release that holds it in the database. */
    async findFlow(flowId: string, version: string): Promise<CompiledFlow | undefined> {
      const [release] = await o.desk.holding(flowId, version);
      if (!release) return undefined;
      const project = await o.desk.projects.load(release);
      o.flows.add(project);
      o.logger.info({ flowId, version, release: release.id, seq: release.seq }, `loaded release ${release.seq} from the database for a call on ${flowId}@${version}`);
      return o.flows.get(flowId, version);
    },
  };
  return runtime;
}
export type ReleaseRuntime = ReturnType<typeof releaseRuntime>;
