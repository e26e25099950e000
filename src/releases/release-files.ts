import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, posix } from 'node:path';

/** One file of a flows directory as published: its path inside the directory (with `/`) and content. */
export type ReleaseFile = { path: string; content: Buffer };

/** What a flows directory holds that is not part of a release: the call scripts test a draft, they do not run calls. */
const NOT_PUBLISHED = new Set(['tests']);
const PUBLISHED_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * The files a release is made of: flows, hotlines.yaml, the call centre's files, prompts/ and
 * speech/ (any YAML or JSON below the directory), but not tests/, hidden files or editors' backups.
 */
export function readReleaseFiles(dir: string): ReleaseFile[] {
  const out: ReleaseFile[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.endsWith('~')) continue;
      const path = rel ? posix.join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) {
        if (!(rel === '' && NOT_PUBLISHED.has(entry.name))) walk(path);
      } else if (entry.isFile() && PUBLISHED_EXTENSIONS.has(extname(entry.name))) {
        out.push({ path, content: readFileSync(join(dir, path)) });
      }
    }
  };
  walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
