/**
 * YAML files parsed once at build time (`npm run build`) rather than at every start: the yaml
 * library, cold, takes most of the time `ivr serve` spends loading its flows. The snapshot maps
 * the SHA-256 of a file's exact text to the data it parses to; a file whose text differs from the
 * one snapshotted (edited since the build, or another flows directory) is simply parsed as usual.
 * Only files that parsed without a single diagnostic are kept, and only for the yaml version that
 * parsed them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { version as yamlVersion } from 'yaml/package.json';

export type ParsedSources = {
  /** The data `text` parses to (a fresh copy each time), or undefined when it was not snapshotted. */
  dataOf(text: string): { data: unknown } | undefined;
};

/** What snapshot-sources.ts writes: each entry the v8-serialized data, so every hit deserializes a copy of its own. */
export type Snapshot = { format: 1; yaml: string; entries: Record<string, Uint8Array> };
export const SNAPSHOT_FORMAT = 1;
export { yamlVersion };

export const NO_PARSED_SOURCES: ParsedSources = { dataOf: () => undefined };

export const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The snapshot in `bytes`. One that cannot be read, or was made by another yaml version, holds
 * nothing: parsing as usual is always correct, the snapshot only saves the time.
 */
export function parsedSourcesFrom(bytes: Buffer): ParsedSources {
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = deserialize(bytes) as Partial<Snapshot>;
  } catch {
    return NO_PARSED_SOURCES;
  }
  if (snapshot?.format !== SNAPSHOT_FORMAT || snapshot.yaml !== yamlVersion || typeof snapshot.entries !== 'object' || snapshot.entries === null) return NO_PARSED_SOURCES;
  const entries = snapshot.entries;
  return {
    dataOf(text) {
      const hash = hashOf(text);
      if (!Object.hasOwn(entries, hash)) return undefined;
      try {
        return { data: deserialize(entries[hash]) };
      } catch {
        return undefined;
      }
    },
  };
}

/** The snapshot `npm run build` wrote beside the compiled code (dist/parsed-sources.bin); none when running the sources. */
export function buildParsedSources(file = join(__dirname, '..', 'parsed-sources.bin')): ParsedSources {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return NO_PARSED_SOURCES;
  }
  return parsedSourcesFrom(bytes);
}
