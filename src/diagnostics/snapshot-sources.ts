import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { hashOf, SNAPSHOT_FORMAT, yamlVersion, type Snapshot } from './parsed-sources';
import { parseSourceFile } from './source-file';

/** The snapshot of every .yaml, .yml and .json file under `dirs` (those that exist) that parses cleanly. */
export function snapshotSources(dirs: readonly string[]): Buffer {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : []));
  const entries: Record<string, Uint8Array> = {};
  for (const file of dirs.filter((d) => existsSync(d)).flatMap(files)) {
    const text = readFileSync(file, 'utf8');
    const parsed = parseSourceFile(file, text);
    if (parsed.diagnostics.length === 0) entries[hashOf(text)] = serialize(parsed.data);
  }
  return serialize({ format: SNAPSHOT_FORMAT, yaml: yamlVersion, entries } satisfies Snapshot);
}

/** `npm run build`: the snapshot of `dirs` (the shipped flows) written to `out`, beside the compiled code. */
export function writeParsedSources(dirs: readonly string[], out: string): void {
  writeFileSync(out, snapshotSources(dirs));
}

