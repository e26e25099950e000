import type { Logger } from 'pino';
import { join } from 'node:path';
import { CENTRE_FILES } from '../../call-centre/load-call-centre';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics';
import { loadProject, type LoadResult, type Project } from '../../flow/load/load-project';
import { flowVersions, type FlowVersions } from '../flow-versions';

/** A flow whose version a reload changed (`from` is absent for a new flow). */
export type FlowChange = { id: string; from?: string; to: string };

export type ReloadResult = { ok: true; changed: FlowChange[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The project new calls are routed and started on, which a reload may replace. Every version ever
 * loaded stays in `flows`, so a call keeps running on the version it started with.
 */
export type LiveProject = {
  readonly current: Project;
  readonly flows: FlowVersions;
  /**
   * Reads the flows directory again. A directory that does not validate changes nothing: the
   * problems are logged, one `file:line:col message` line each, and the previous versions stay
   * live. Otherwise its flows become current for new calls.
   */
  reload(reason: string): ReloadResult;
  /**
   * Makes a project already loaded (a release from the database) current for new calls, unless
   * its call centre differs from the one the services started with.
   */
  install(project: Project, reason: string): ReloadResult;
};

export function liveProject(
  project: Project,
  opts: { logger: Pick<Logger, 'info' | 'error'>; flows?: FlowVersions; load?: (dir: string) => LoadResult },
): LiveProject {
  const flows = opts.flows ?? flowVersions(project);
  const load = opts.load ?? ((dir: string) => loadProject(dir));
  let current = project;
  return {
    get current() {
      return current;
    },
    flows,
    reload(reason) {
      const { project: next, diagnostics } = load(current.dir);
      if (!next) {
        for (const d of diagnostics) opts.logger.error({ reason, diagnostic: formatDiagnostic(d) }, formatDiagnostic(d));
        opts.logger.error(
          { reason, problems: diagnostics.length, dir: current.dir },
          `flows not reloaded: ${diagnostics.length} problem(s) above; calls keep running on the versions loaded before (fix the files and save again)`,
        );
        return { ok: false, diagnostics };
      }
      return this.install(next, reason);
    },
    install(next, reason) {
      if (next.centre.version !== current.centre.version) {
        // Tickets' promises, the queues' limits and the desk's agents are read once by the services
        // at start; taking new flows that name a queue or category they do not know would fail calls.
        const message = 'queues.yaml, ticket-categories.yaml or agents.yaml changed: they are read at start, so restart the server to apply them; flows not reloaded';
        opts.logger.error({ reason, dir: next.dir }, message);
        return { ok: false, diagnostics: [{ file: join(next.dir, CENTRE_FILES.queues), line: 1, col: 1, message }] };
      }
      const changed: FlowChange[] = [];
      for (const flow of next.flows.values()) {
        const before = flows.current(flow.id)?.version;
        if (before !== flow.version) changed.push({ id: flow.id, ...(before ? { from: before } : {}), to: flow.version });
      }
      flows.load(next);
      current = next;
      opts.logger.info({ reason, changed, flows: next.flows.size }, changed.length ? `flows reloaded: ${changed.map((c) => `${c.id}@${c.to}`).join(', ')}` : 'flows reloaded: nothing changed');
      return { ok: true, changed };
    },
  };
}
