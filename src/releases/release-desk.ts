import type { Diagnostic } from '../diagnostics';
import { loadProject, type Project } from '../flow/load/load-project';
import type { Clock } from '../platform/clock';
import { activeOf, scheduledAfter } from '../stores/releases/active-release';
import type { AuditEntry, Release, ReleaseStore } from '../stores/releases/release-store';
import { releaseProjects } from './materialise-release';
import { contentOf } from './release-content';
import { diffReleases, type ReleaseContent, type ReleaseDiff } from './release-diff';
import { readReleaseFiles } from './release-files';
import { manifestOf } from './release-manifest';

/** A release named by a person that does not exist; the message says how to list them. */
export class UnknownReleaseError extends Error {
  readonly code = 'UNKNOWN_RELEASE';
}

export type PublishResult =
  | { ok: false; diagnostics: Diagnostic[] }
  /** `unchanged`: these files are the active release already; nothing was recorded. */
  | { ok: true; release: Release; created: boolean; unchanged: boolean; activateAt: number; from?: Release; diff: ReleaseDiff };

export type ActivateResult = { release: Release; from?: Release; unchanged: boolean; activateAt: number; diff: ReleaseDiff };

export type Versions = { releases: Release[]; active?: string; scheduled: AuditEntry[]; audit: AuditEntry[] };

/**
 * What designers and operators do with releases, the same from the CLI, the admin API and the
 * development server: publish the working files (the draft), activate an earlier release, list
 * and diff them. `dir` is the flows directory the draft is read from.
 */
export function releaseDesk({ store, cacheDir, dir, clock }: { store: ReleaseStore; cacheDir: string; dir: string; clock: Clock }) {
  const projects = releaseProjects(store, cacheDir);
  const release = async (ref: string): Promise<Release> => {
    const r = await store.find(ref);
    if (!r) throw new UnknownReleaseError(`no release "${ref}": name one by its number or id (ivr versions lists them)`);
    return r;
  };
  const active = async (now: number) => {
    const id = await store.activeAt(now);
    return id === undefined ? undefined : release(id);
  };
  const contentOfRelease = async (r: Release) => contentOf(await projects.load(r), r.manifest);
  const draft = (): { project?: Project; diagnostics: Diagnostic[]; files: ReturnType<typeof manifestOf> } => {
    const files = manifestOf(readReleaseFiles(dir));
    return { ...loadProject(dir), files };
  };
  const empty: ReleaseContent = { manifest: [], flows: new Map(), catalogue: {} };

  return {
    projects,
    active,
    now: () => clock.now(),
    /** The releases that hold a flow version, newest first. */
    holding: (flowId: string, version: string) => store.holding(flowId, version),
    /** Validates the working files, stores them as a release and activates it now or at `at`. */
    async publish({ message, by, at }: { message: string; by: string; at?: number }): Promise<PublishResult> {
      const now = clock.now();
      const d = draft();
      if (!d.project) return { ok: false, diagnostics: d.diagnostics };
      // What was validated must be what is stored: a save in between (an editor, git checkout) is refused.
      if (manifestOf(readReleaseFiles(dir)).id !== d.files.id) {
        return { ok: false, diagnostics: [{ file: dir, line: 1, col: 1, message: 'files changed while they were being published; publish again once the saves are done' }] };
      }
      const from = await active(now);
      const flows = [...d.project.flows.values()].map((f) => ({ flowId: f.id, version: f.version }));
      const { release: r, created } = await store.put({ id: d.files.id, message, by, createdAt: now, manifest: d.files.manifest, contents: d.files.contents, flows });
      const activateAt = at ?? now;
      const draftContent = contentOf(d.project, d.files.manifest);
      // The draft as loaded is the release: no need to load it again from the database.
      projects.prime(r.id, d.project);
      const diff = diffReleases(!from ? empty : from.id === r.id ? draftContent : await contentOfRelease(from), draftContent);
      const unchanged = from?.id === r.id && at === undefined;
      if (!unchanged) await store.record({ action: 'publish', by, at: now, activateAt, ...(from ? { from: from.id } : {}), to: r.id, message });
      return { ok: true, release: r, created, unchanged, activateAt, ...(from ? { from } : {}), diff };
    },
    /** Makes an earlier (or any) release active for new calls, now or at `at`; calls in progress keep theirs. */
    async activate({ ref, by, at, message }: { ref: string; by: string; at?: number; message?: string }): Promise<ActivateResult> {
      const now = clock.now();
      const r = await release(ref);
      const from = await active(now);
      const activateAt = at ?? now;
      const diff = diffReleases(from ? await contentOfRelease(from) : empty, await contentOfRelease(r));
      const unchanged = from?.id === r.id && at === undefined;
      if (!unchanged) await store.record({ action: 'rollback', by, at: now, activateAt, ...(from ? { from: from.id } : {}), to: r.id, message: message ?? `back to release ${r.seq}` });
      return { release: r, ...(from ? { from } : {}), unchanged, activateAt, diff };
    },
    /**
     * Calls off a release's scheduled activations still to come: each gets a line for the same
     * time that keeps whatever would be active then without it (the later line wins a tie), so
     * the audit says who cancelled what, and every server reads the same answer.
     */
    async cancel({ ref, by }: { ref: string; by: string }): Promise<{ release: Release; cancelled: AuditEntry[] }> {
      const now = clock.now();
      const r = await release(ref);
      const audit = await store.audit();
      const pending = scheduledAfter(audit, now).filter((e) => e.to === r.id);
      if (pending.length === 0) throw new NothingScheduledError(`release ${r.seq} is not scheduled to go live: nothing to cancel (ivr versions lists what is scheduled)`);
      for (const e of pending) {
        const instead = activeOf(audit.filter((x) => x.id !== e.id), e.activateAt);
        if (instead === undefined) throw new NothingScheduledError(`release ${r.seq} is the first release to go live: nothing would answer calls without it; publish another release first`);
        await store.record({ action: 'rollback', by, at: now, activateAt: e.activateAt, from: r.id, to: instead, message: `cancelled: release ${r.seq} does not go live then` });
      }
      return { release: r, cancelled: pending };
    },
    /** `a` and `b`: a release's number or id, `active`, or `draft` (the working files). */
    async diff(a: string, b: string): Promise<ReleaseDiff> {
      const contentOfRef = async (ref: string): Promise<ReleaseContent> => {
        if (ref === 'draft') {
          const d = draft();
          if (!d.project) throw new DraftInvalidError(d.diagnostics);
          return contentOf(d.project, d.files.manifest);
        }
        if (ref === 'active') {
          const r = await active(clock.now());
          return r ? contentOfRelease(r) : empty;
        }
        return contentOfRelease(await release(ref));
      };
      return diffReleases(await contentOfRef(a), await contentOfRef(b));
    },
    async versions(): Promise<Versions> {
      const now = clock.now();
      const audit = await store.audit();
      const id = await store.activeAt(now);
      return { releases: await store.list(), ...(id ? { active: id } : {}), scheduled: scheduledAfter(audit, now), audit };
    },
  };
}
export type ReleaseDesk = ReturnType<typeof releaseDesk>;

/** A cancel named a release with no activation to come. */
export class NothingScheduledError extends Error {
  readonly code = 'NOTHING_SCHEDULED';
}

/** The working files do not validate: no diff or publish from them. */
export class DraftInvalidError extends Error {
  readonly code = 'DRAFT_INVALID';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`the working files have ${diagnostics.length} problem(s); ivr validate lists them`);
  }
}
