import { createHash } from 'node:crypto';
import type { ManifestEntry } from '../stores/releases/release-store';
import type { ReleaseFile } from './release-files';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The manifest of some files (sorted by path), their contents by sha256, and the release id they make. */
export function manifestOf(files: readonly ReleaseFile[]): { id: string; manifest: ManifestEntry[]; contents: Map<string, Buffer> } {
  const contents = new Map<string, Buffer>();
  const manifest = files
    .map((f) => {
      const sha = sha256(f.content);
      contents.set(sha, f.content);
      return { path: f.path, sha256: sha };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { id: releaseId(manifest), manifest, contents };
}

/** A release's id: the hash of its manifest (paths and content hashes), 16 hex digits. */
export function releaseId(manifest: readonly ManifestEntry[]): string {
  return sha256(manifest.map((e) => `${e.sha256}  ${e.path}\n`).join('')).slice(0, 16);
}
