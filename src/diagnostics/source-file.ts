/**
 * Turns a flow file's text into plain data while keeping a way back from any
 * data path to the line and column the designer typed it at. Everything that
 * later complains about a flow (YAML syntax, schema, cross-references) goes
 * through `SourceFile.locate` so every message points at the right spot.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { lowerFirst, type Diagnostic } from './diagnostic';
import { locateInDocument, type PositionAt, type SourcePosition } from './locate';
import { yamlDiagnostics } from './yaml-errors';

export type SourceFile = {
  /** The name diagnostics show, e.g. `flows/general.yaml`. */
  file: string;
  /** The parsed value (plain JS: objects, arrays, scalars); undefined when `diagnostics` is non-empty. */
  data: unknown;
  /** Syntax-level problems; when non-empty there is no data to validate. */
  diagnostics: Diagnostic[];
  /**
   * Where the value (default) or the mapping key (`which: 'key'`) at `path`
   * was written. Paths mix sequence indexes and mapping keys, exactly like
   * zod issue paths. A path that only partly exists resolves to its deepest
   * existing ancestor, so a "missing key" still points somewhere useful.
   */
  locate(path: ReadonlyArray<PropertyKey>, which?: 'key' | 'value'): SourcePosition;
};

/**
 * Parses YAML or JSON (JSON is YAML 1.2, so one code path gives JSON files
 * positions and duplicate-key detection too). Never throws on bad input:
 * problems come back as diagnostics.
 */
export function parseSourceFile(file: string, text: string): SourceFile {
  // Editors do not count a byte-order mark as a column; strip it so ours agree.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, {
    lineCounter,
    // Already the default; explicit because a designer's duplicate key
    // silently discarding the first definition is exactly the bug we must catch.
    uniqueKeys: true,
    // We render our own one-line messages; the library's code frame would
    // only have to be stripped again.
    prettyErrors: false,
  });
  const at: PositionAt = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  let diagnostics = yamlDiagnostics(file, body, doc, at);
  let data: unknown = undefined;
  if (diagnostics.length === 0) {
    try {
      data = doc.toJS();
    } catch (err) {
      // toJS refuses alias bombs (resource-exhaustion guard) by throwing;
      // report it like any other invalid input instead of crashing.
      diagnostics = [{ file, line: 1, col: 1, message: lowerFirst(errorMessage(err)) }];
    }
  }

  return {
    file,
    data,
    diagnostics,
    locate: (path, which = 'value') => locateInDocument(doc, path, which, at),
  };
}

/**
 * The one impure helper: reads from disk and names the file relative to the
 * working directory, which is what people type and what terminals link.
 */
export function readSourceFile(path: string): SourceFile {
  const text = fs.readFileSync(path, 'utf8');
  const relative = nodePath.relative(process.cwd(), nodePath.resolve(path));
  // Outside the cwd a `../../x` path is harder to read than the absolute one.
  const shown = relative === '' || relative.startsWith('..') ? nodePath.resolve(path) : relative;
  return parseSourceFile(shown, text);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
