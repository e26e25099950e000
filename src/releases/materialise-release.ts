import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DiagnosticsError } from '../diagnostics';
import { loadProject, type Project } from '../flow/load/load-project';
import type { Release, ReleaseStore } from '../stores/releases/release-store';

/** Written last into a release's folder: a folder without it was cut short and is written again. */
const COMPLETE = '.complete';

/**
 * The release's files as a flows directory, `<cacheDir>/<id>/`, written from the database once
 * (to a temporary folder renamed into place, so two servers or processes sharing the cache never
 * read half a release). A release is immutable, so a complete folder is reused as it is.
 */
export async function materialiseRelease(store: ReleaseStore, release: Release, cacheDir: string): Promise<string> {
  const dir = join(cacheDir, release.id);
  if (existsSync(join(dir, COMPLETE))) return dir;
  const temp = join(cacheDir, `.${release.id}.${randomBytes(4).toString('hex')}`);
  try {
    for (const entry of release.manifest) {
      const content = await store.content(entry.sha256);
      if (!content) throw new Error(`release ${release.seq} (${release.id}): the content of ${entry.path} (sha256 ${entry.sha256}) is missing from the database`);
      const actual = createHash('sha256').update(content).digest('hex');
      if (actual !== entry.sha256) throw new Error(`release ${release.seq} (${release.id}): ${entry.path} in the database hashes to ${actual}, not ${entry.sha256}; the database was changed by hand`);
      const path = join(temp, ...entry.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    writeFileSync(join(temp, COMPLETE), `${release.id}\n`);
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(temp, dir);
    } catch (err) {
      // Another process put it in place first: theirs is the same release.
      if (!existsSync(join(dir, COMPLETE))) throw err;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Loads releases as projects (materialised, then the ordinary loadProject: a release runs through
 * exactly the code a draft does), each once per process.
 */
export function releaseProjects(store: ReleaseStore, cacheDir: string) {
  const loaded = new Map<string, Promise<Project>>();
  const load = async (release: Release): Promise<Project> => {
    const dir = await materialiseRelease(store, release, cacheDir);
    const { project, diagnostics } = loadProject(dir);
    if (!project) throw new DiagnosticsError(diagnostics);
    return project;
  };
  return {
    /** A release's project loaded otherwise (the draft just published: the same files). */
    prime(id: string, project: Project): void {
      if (!loaded.has(id)) loaded.set(id, Promise.resolve(project));
    },
    load(release: Release): Promise<Project> {
      let p = loaded.get(release.id);
      if (!p) {
        p = load(release);
        loaded.set(release.id, p);
        // A failed load (database unreachable) is tried again next time.
        p.catch(() => loaded.delete(release.id));
      }
      return p;
    },
  };
}
export type ReleaseProjects = ReturnType<typeof releaseProjects>;
