/**
 * Turns a flow file's text into plain data while keeping a way back from any
 * data path to the line and column the designer typed it at. Everything that
 * later complains about a flow (YAML syntax, schema, cross-references) goes
 * through `SourceFile.locate` so every message points at the right spot.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import type { Diagnostic } from './diagnostic';
import { didYouMeanSuffix } from './did-you-mean';

export type SourcePosition = { line: number; col: number };

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

type ZodIssue = z.core.$ZodIssue;

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

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
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  let diagnostics = syntaxDiagnostics(file, body, doc, at);
  let data: unknown = undefined;
  if (diagnostics.length === 0) {
    diagnostics = aliasDiagnostics(file, doc, at);
  }
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

// ---------------------------------------------------------------------------
// YAML syntax errors -> diagnostics
// ---------------------------------------------------------------------------

/** A syntax error after we have decided where it really is and how to say it. */
type Explained = {
  offset: number;
  message: string;
  /** Lower sorts first when picking which of several overlapping errors to keep. */
  priority: number;
  /** Lines the underlying error covers; later errors touching them are treated as fallout. */
  firstLine: number;
  lastLine: number;
};

/**
 * The yaml library often reports one mistake as several errors (a bad indent
 * produces "nested mappings…", "implicit keys…" and "missing value" at once),
 * sometimes positioned at a symptom rather than the cause. We re-position and
 * re-word the common mistakes and then keep one diagnostic per cluster, so a
 * designer sees one accurate line per problem.
 */
function syntaxDiagnostics(
  file: string,
  body: string,
  doc: Document,
  at: (offset: number) => SourcePosition,
): Diagnostic[] {
  const explained = doc.errors
    .map((err) => explainYamlError(err, body, doc, at))
    // Stable sort: within a priority the library's own order wins, which puts
    // the innermost of several unclosed brackets first.
    .sort((a, b) => a.priority - b.priority);

  const kept: Explained[] = [];
  for (const e of explained) {
    const overlaps = kept.some((k) => e.firstLine <= k.lastLine && k.firstLine <= e.lastLine);
    if (!overlaps) kept.push(e);
  }

  return kept
    .sort((a, b) => a.offset - b.offset)
    .map((e) => ({ file, ...at(e.offset), message: e.message }));
}

function explainYamlError(
  err: YAMLError,
  body: string,
  doc: Document,
  at: (offset: number) => SourcePosition,
): Explained {
  const [start, end] = err.pos;
  const libraryMessage = lowerFirst(cleanYamlMessage(err.message));
  const span = { firstLine: at(start).line, lastLine: at(Math.max(start, end)).line };
  const make = (offset: number, message: string, priority: number, extra?: Partial<Explained>): Explained => ({
    offset,
    message,
    priority,
    ...span,
    ...extra,
  });

  // `[1, 2` / `{a: 1` without the closer: noticed where the next block line
  // starts, but the fix belongs at the opening bracket.
  const bracket = /^Flow (sequence|map)\b.*end with an? ([\]}])/.exec(err.message);
  const opening = bracket ? findUnclosedFlow(doc, bracket[1] === 'map', start) : undefined;
  const unclosed =
    bracket && opening !== undefined
      ? make(opening, `missing closing ${bracket[2]} for the flow ${bracket[1]} that starts here`, 1, {
          firstLine: at(opening).line,
        })
      : undefined;

  switch (err.code) {
    case 'TAB_AS_INDENT':
      // Root cause of most cascades on its line, so it wins.
      return make(start, 'tabs are not allowed for indentation (use spaces)', 0);

    case 'MISSING_CHAR': {
      if (unclosed) return unclosed;
      const quote = /^Missing closing (["'])quote/.exec(err.message)?.[1];
      if (quote) {
        // The library notices at end of input; the fix is at the opening quote.
        const offset = findUnclosedQuote(doc, quote, start) ?? start;
        return make(offset, `missing closing ${quote} quote for the string that starts here`, 1, {
          firstLine: at(offset).line,
        });
      }
      return make(start, libraryMessage, 4);
    }

    case 'BAD_INDENT':
      if (unclosed) return unclosed;
      if (/mapping items must start at the same column/i.test(err.message)) {
        return make(firstNonBlank(body, start), 'bad indentation of a mapping entry (keys of one mapping must line up)', 2);
      }
      return make(start, libraryMessage, 2);

    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const misplaced = misindentedLine(body, start, end);
      if (misplaced !== undefined) {
        const offset = firstNonBlank(body, misplaced);
        const kind = body.startsWith('-', offset) ? 'sequence' : 'mapping';
        return make(offset, `bad indentation of a ${kind} entry`, 2);
      }
      const glued = missingSpaceAfterColon(body, start);
      if (glued !== undefined) {
        // `next:main_menu` is one plain scalar to YAML, which then complains
        // about the following line; the real slip is the missing space.
        return make(glued, 'missing space after ":" (write "key: value")', 2);
      }
      if (/nested mappings are not allowed in compact mappings/i.test(err.message)) {
        // `say: Press 1: sales` - the usual cause is an unquoted value with ": ".
        return make(start, `${libraryMessage} (quote values that contain ": ")`, 4);
      }
      return make(start, libraryMessage, 4);
    }

    case 'DUPLICATE_KEY': {
      const key = keyTextAt(doc, start);
      const which = key === undefined ? 'key' : `key ${JSON.stringify(key)}`;
      return make(start, `duplicate ${which} (a key may appear only once in a mapping)`, 3);
    }

    case 'MULTIPLE_DOCS':
      // The library's hint is about its own API, which means nothing to a designer.
      return make(start, 'a file may contain only one YAML document (remove this "---" and what follows, or move it to its own file)', 4);

    default:
      return make(start, libraryMessage, 4);
  }
}

/** One line, no code frame, no "at line X, column Y" (we print our own position). */
function cleanYamlMessage(message: string): string {
  const firstLine = message.split('\n')[0];
  return firstLine.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/**
 * The quoted scalar whose missing closing quote was reported at `errorOffset`:
 * the composer still builds it (running to end of input), so it is the last
 * scalar of that quote style starting before the error.
 */
function findUnclosedQuote(doc: Document, quote: string, errorOffset: number): number | undefined {
  const type = quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  let found: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const range = node.range;
      if (node.type === type && range && range[0] < errorOffset && (found === undefined || range[0] > found)) {
        found = range[0];
      }
    },
  });
  return found;
}

/** Start of the last flow (`[…]` / `{…}`) collection of that kind opening before `errorOffset`. */
function findUnclosedFlow(doc: Document, isMap: boolean, errorOffset: number): number | undefined {
  let found: number | undefined;
  const consider = (node: { flow?: boolean; range?: [number, number, number] | null }) => {
    const start = node.range?.[0];
    if (node.flow && start !== undefined && start < errorOffset && (found === undefined || start > found)) found = start;
  };
  visit(doc, isMap ? { Map: (_k, node) => consider(node) } : { Seq: (_k, node) => consider(node) });
  return found;
}

/** The text of the mapping key written at `offset`, to name it in the message. */
function keyTextAt(doc: Document, offset: number): string | undefined {
  let text: string | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (rangeStart(pair.key) === offset) text = keyString(pair.key);
    },
  });
  return text;
}

/**
 * When an implicit-key error really means "this line is indented wrongly",
 * returns the offset of that line's start. Two shapes:
 *  - the error sits in a line's leading whitespace (an under-indented entry), or
 *  - the error spans into a following line that is indented deeper than the
 *    line it started on (an over-indented entry continuing the previous value).
 * A same-indent continuation (e.g. `a:1` followed by `b: 2`) is not an
 * indentation problem, so it is left to the library's wording.
 */
function misindentedLine(body: string, start: number, end: number): number | undefined {
  const startLine = lineStartOf(body, start);
  const atIndentation = (body[start] === ' ' || body[start] === '\t') && /^[ \t]*$/.test(body.slice(startLine, start));
  if (atIndentation) return startLine;
  const nextLine = body.indexOf('\n', start);
  if (nextLine === -1 || nextLine + 1 >= end) return undefined;
  const indentOf = (lineStart: number) => /^[ ]*/.exec(body.slice(lineStart))![0].length;
  return indentOf(nextLine + 1) > indentOf(startLine) ? nextLine + 1 : undefined;
}

/** Offset just after the colon when the line at `offset` starts with `key:value` (no space). */
function missingSpaceAfterColon(body: string, offset: number): number | undefined {
  const lineStart = lineStartOf(body, offset);
  const match = /^([ \t]*(?:- +)?[A-Za-z0-9_-]+:)[^\s:]/.exec(body.slice(lineStart));
  return match ? lineStart + match[1].length : undefined;
}

function lineStartOf(body: string, offset: number): number {
  return body.lastIndexOf('\n', offset - 1) + 1;
}

/** Moves an offset that points into leading indentation onto the first real character. */
function firstNonBlank(body: string, offset: number): number {
  const lineStart = lineStartOf(body, offset);
  if (!/^[ \t]*$/.test(body.slice(lineStart, offset))) return offset;
  let i = offset;
  while (i < body.length && (body[i] === ' ' || body[i] === '\t')) i++;
  return i;
}

/**
 * `*name` with no `&name` before it is not a syntax error to the library, but
 * converting to data would throw; report it where it was written.
 */
function aliasDiagnostics(file: string, doc: Document, at: (offset: number) => SourcePosition): Diagnostic[] {
  const anchors: string[] = [];
  const out: Diagnostic[] = [];
  visit(doc, (_key, node) => {
    // The visitor also sees the document, pairs and (for an empty file) null.
    const anchor = node !== null && typeof node === 'object' ? (node as { anchor?: unknown }).anchor : undefined;
    if (typeof anchor === 'string') anchors.push(anchor);
    if (isAlias(node) && node.resolve(doc) === undefined) {
      const offset = node.range?.[0] ?? 0;
      out.push({
        file,
        ...at(offset),
        message: `unknown alias "*${node.source}": no anchor "&${node.source}" is defined before it${didYouMeanSuffix(node.source, anchors)}`,
      });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------
// Locating data paths in the document
// ---------------------------------------------------------------------------

type Located = { keyOffset?: number; valueOffset?: number };

function locateInDocument(
  doc: Document,
  path: ReadonlyArray<PropertyKey>,
  which: 'key' | 'value',
  at: (offset: number) => SourcePosition,
): SourcePosition {
  // The root has no key, and 1:1 is where a reader starts looking anyway
  // (even if the first node comes after a comment header).
  let found: Located = {};
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc); // an alias stands for its anchor's node
    const step = childOf(node, segment);
    if (!step) break;
    found = step.located;
    node = step.node;
  }
  const offset = which === 'key' ? (found.keyOffset ?? found.valueOffset) : (found.valueOffset ?? found.keyOffset);
  return offset === undefined ? { line: 1, col: 1 } : at(offset);
}

function childOf(node: unknown, segment: PropertyKey): { node: unknown; located: Located } | undefined {
  if (typeof segment === 'symbol') return undefined;
  if (isMap(node)) {
    // Data keys are strings (YAML `2:` is the number 2 but becomes key "2"),
    // so compare in string form, like toJS does when building objects.
    const pair = node.items.find((p) => keyString(p.key) === String(segment));
    if (!pair) return undefined;
    return {
      node: pair.value,
      // A key with no value (`next:`) has nowhere else to point than the key.
      located: { keyOffset: rangeStart(pair.key), valueOffset: rangeStart(pair.value) },
    };
  }
  if (isSeq(node)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : NaN;
    const item: unknown = node.items[index];
    if (item === undefined) return undefined;
    // `[a: 1]` puts a bare pair in a flow sequence; toJS makes it a one-key map.
    if (isPair(item)) return { node: item, located: { valueOffset: rangeStart(item.key) } };
    return { node: item, located: { valueOffset: rangeStart(item) } };
  }
  if (isPair(node)) {
    if (keyString(node.key) !== String(segment)) return undefined;
    return { node: node.value, located: { keyOffset: rangeStart(node.key), valueOffset: rangeStart(node.value) } };
  }
  return undefined;
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  // `key:` with nothing after it yields an empty null scalar positioned past
  // the colon (often beyond the end of the line); report the key instead.
  if (range && range[0] === range[1] && isScalar(node) && node.value === null) return undefined;
  return range?.[0];
}

// ---------------------------------------------------------------------------
// zod issues -> diagnostics
// ---------------------------------------------------------------------------

/**
 * Converts zod issues (from `schema.safeParse(source.data)`) into positioned
 * diagnostics whose messages start with a readable path (`nodes[3].type: …`).
 *
 * Pass the schema that produced the issues to get did-you-mean suggestions
 * for unknown keys: zod v4 issues no longer carry the schema, and the set of
 * valid keys is known only to it.
 */
export function zodIssuesToDiagnostics(
  source: SourceFile,
  issues: ReadonlyArray<ZodIssue>,
  schema?: z.core.$ZodType,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) convertIssue(source, schema, issue, [], out);
  return out;
}

function convertIssue(
  source: SourceFile,
  schema: z.core.$ZodType | undefined,
  issue: ZodIssue,
  prefix: ReadonlyArray<PropertyKey>,
  out: Diagnostic[],
): void {
  const path = [...prefix, ...issue.path];
  const emit = (at: SourcePosition, message: string) => out.push({ file: source.file, ...at, message });

  switch (issue.code) {
    case 'unrecognized_keys': {
      const object = valueAt(source.data, path);
      // A key already present is not a sensible suggestion for a typo of it.
      const present = new Set(isPlainObject(object) ? Object.keys(object) : []);
      const known = schema ? knownKeysAt(schema, path, source.data).filter((k) => !present.has(k)) : [];
      for (const key of issue.keys) {
        // Point at the key itself: that is the text to fix or delete.
        emit(source.locate([...path, key], 'key'), `${label(path)}unknown key ${JSON.stringify(key)}${didYouMeanSuffix(key, known)}`);
      }
      return;
    }

    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        emitUnknownDiscriminator(source, issue, path, emit);
        return;
      }
      const branch = bestUnionBranch(source, issue, path);
      if (typeof branch === 'string') {
        emit(locateIssue(source, path), `${label(path)}${branch}`);
      } else if (branch) {
        for (const inner of branch) convertIssue(source, schema, inner, path, out);
      } else {
        emit(locateIssue(source, path), `${label(path)}${issue.message}`);
      }
      return;
    }

    case 'invalid_value': {
      const value = valueAt(source.data, path);
      const strings = issue.values.filter((v): v is string => typeof v === 'string');
      const suffix = typeof value === 'string' ? didYouMeanSuffix(value, strings) : '';
      emit(locateIssue(source, path), `${label(path)}${issue.message}${suffix}`);
      return;
    }

    case 'invalid_key': {
      // zod puts the offending key last in the path; the key text is what is wrong.
      const key = path[path.length - 1];
      const parent = path.slice(0, -1);
      const why = issue.issues.map((i) => i.message).join('; ');
      emit(source.locate(path, 'key'), `${label(parent)}invalid key ${JSON.stringify(String(key))}: ${why}`);
      return;
    }

    case 'invalid_type': {
      // zod's default wording for an absent property ("expected string,
      // received undefined") hides the simple truth that a key is missing.
      // Only the default wording is rewritten, so custom messages survive.
      const expected = /^Invalid input: expected (.+), received undefined$/.exec(issue.message)?.[1];
      const key = path[path.length - 1];
      const parent = path.slice(0, -1);
      if (expected && typeof key === 'string' && isPlainObject(valueAt(source.data, parent)) && !hasPath(source.data, path)) {
        emit(source.locate(parent, 'key'), `${label(parent)}missing required key ${JSON.stringify(key)} (expected ${expected})`);
        return;
      }
      emit(locateIssue(source, path), `${label(path)}${issue.message}`);
      return;
    }

    default:
      emit(locateIssue(source, path), `${label(path)}${issue.message}`);
  }
}

/**
 * Where an issue at `path` belongs: the value if it exists, otherwise (a
 * missing key) the key of the nearest existing ancestor - "node main_menu is
 * missing X" is best shown at `main_menu:`, not at its first child.
 */
function locateIssue(source: SourceFile, path: ReadonlyArray<PropertyKey>): SourcePosition {
  return hasPath(source.data, path) ? source.locate(path) : source.locate(path, 'key');
}

/**
 * zod's own wording ("Invalid discriminator value. Expected 'say' | 'menu'")
 * neither echoes what was written nor names the concept; designers think in
 * "node type", so say `unknown node type "menuu" (expected one of: …)`.
 */
function emitUnknownDiscriminator(
  source: SourceFile,
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  issuePath: ReadonlyArray<PropertyKey>,
  emit: (at: SourcePosition, message: string) => void,
): void {
  const discriminator = issue.discriminator!;
  // zod 4 puts the discriminator at the end of the path; older 4.x did not.
  const path = issuePath[issuePath.length - 1] === discriminator ? issuePath : [...issuePath, discriminator];
  const options = ('options' in issue && issue.options ? issue.options : []).map(String);
  const expected = options.length > 0 ? ` (expected one of: ${options.join(', ')})` : '';
  const noun = discriminatorNoun(path, discriminator);
  if (!hasPath(source.data, path)) {
    emit(source.locate(path.slice(0, -1), 'key'), `${label(path)}missing ${noun}${expected}`);
    return;
  }
  const value = valueAt(source.data, path);
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  const suffix = typeof value === 'string' ? didYouMeanSuffix(value, options) : '';
  emit(source.locate(path), `${label(path)}unknown ${noun} ${shown}${expected}${suffix}`);
}

/**
 * Names what the discriminator classifies, from the path alone:
 * `nodes[3].type` and `nodes.main_menu.type` -> "node type" (an item of a
 * plural collection), `action.type` -> "action type", bare `type` -> "type".
 * A heuristic, but one that reads right for the list-or-map-of-things shape
 * flow files use.
 */
function discriminatorNoun(path: ReadonlyArray<PropertyKey>, discriminator: string): string {
  const parent = path[path.length - 2];
  const grandparent = path[path.length - 3];
  const pluralGrandparent = typeof grandparent === 'string' && /[^s]s$/.test(grandparent);
  let thing: string | undefined;
  if (typeof parent === 'number' || (typeof parent === 'string' && pluralGrandparent)) {
    thing = typeof grandparent === 'string' ? singular(grandparent) : undefined;
  } else if (typeof parent === 'string') {
    thing = parent;
  }
  return thing ? `${thing} ${discriminator}` : discriminator;
}

function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * A plain union failing reports every branch's issues, most of them noise.
 * If every branch merely rejected the value's type, one "expected A or B"
 * sentence says it all (returned as a string). Otherwise the branch that got
 * furthest - its type matched and it complained about fewer things - is
 * almost always the one the designer meant, so report just its issues.
 */
function bestUnionBranch(
  source: SourceFile,
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  path: ReadonlyArray<PropertyKey>,
): string | ZodIssue[] | undefined {
  const branches = issue.errors;
  if (branches.length === 0) return undefined;

  const expectations: string[] = [];
  const allTopLevelMismatches = branches.every((branch) => {
    if (branch.length !== 1 || branch[0].path.length !== 0) return false;
    const only = branch[0];
    if (only.code === 'invalid_type') expectations.push(only.expected);
    else if (only.code === 'invalid_value') expectations.push(...only.values.map((v) => JSON.stringify(v) ?? String(v)));
    else return false;
    return true;
  });
  if (allTopLevelMismatches) {
    const unique = [...new Set(expectations)];
    return `expected ${unique.join(' or ')}, received ${describeValue(valueAt(source.data, path))}`;
  }

  const typeMatched = branches.filter(
    (branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')),
  );
  if (typeMatched.length === 0) return undefined;
  return typeMatched.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `nodes[3].options["2"].next` - dots for identifier-like keys, brackets otherwise. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function label(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '' : `${formatPath(path)}: `;
}

// ---------------------------------------------------------------------------
// Walking plain data
// ---------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasPath(data: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) {
      return false;
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return true;
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

// ---------------------------------------------------------------------------
// Walking a zod schema (only to learn which keys were allowed)
// ---------------------------------------------------------------------------

/**
 * Just enough of zod v4's definition shape (`_zod.def`, present on every
 * schema) to follow a data path. Read structurally because zod's public types
 * offer no uniform way to walk into arbitrary schemas; anything unfamiliar
 * simply yields no keys, which only costs a suggestion, never correctness.
 */
type LooseSchema = {
  _zod: {
    def: LooseDef;
    propValues?: Record<string, Set<unknown>>;
    values?: Set<unknown>;
  };
};
type LooseDef = {
  type: string;
  innerType?: LooseSchema;
  getter?: () => LooseSchema;
  in?: LooseSchema;
  out?: LooseSchema;
  options?: LooseSchema[];
  discriminator?: string;
  left?: LooseSchema;
  right?: LooseSchema;
  shape?: Record<string, LooseSchema>;
  catchall?: LooseSchema;
  element?: LooseSchema;
  items?: LooseSchema[];
  rest?: LooseSchema | null;
  keyType?: LooseSchema;
  valueType?: LooseSchema;
};

// Recursive flow schemas are built with z.lazy; the depth cap keeps a
// self-referential schema from looping while unwrapping.
const MAX_UNWRAP_DEPTH = 32;

/** Keys an object schema at `path` declares (or a record's enumerated keys). */
function knownKeysAt(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>, data: unknown): string[] {
  let schemas: LooseSchema[] = [schema as unknown as LooseSchema];
  let value = data;
  for (const segment of path) {
    schemas = schemas.flatMap((s) => unwrap(s, value, 0)).flatMap((s) => {
      const child = childSchema(s, segment);
      return child ? [child] : [];
    });
    value = isPlainObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  const keys = new Set<string>();
  for (const s of schemas.flatMap((x) => unwrap(x, value, 0))) {
    const def = s._zod.def;
    if (def.type === 'object' && def.shape) Object.keys(def.shape).forEach((k) => keys.add(k));
    if (def.type === 'record') {
      for (const k of def.keyType?._zod.values ?? []) if (typeof k === 'string') keys.add(k);
    }
  }
  return [...keys];
}

/** Strips wrappers (optional, default, lazy, pipe…) and fans out unions to the shapes that could apply to `value`. */
function unwrap(schema: LooseSchema, value: unknown, depth: number): LooseSchema[] {
  if (depth > MAX_UNWRAP_DEPTH) return [];
  const def = schema._zod.def;
  const next = (s: LooseSchema | undefined | null) => (s ? unwrap(s, value, depth + 1) : []);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
    case 'success':
      return next(def.innerType);
    case 'lazy':
      return def.getter ? next(def.getter()) : [];
    case 'pipe':
      return [...next(def.in), ...next(def.out)];
    case 'intersection':
      return [...next(def.left), ...next(def.right)];
    case 'union': {
      const options = def.options ?? [];
      const tag = def.discriminator;
      if (tag !== undefined && isPlainObject(value)) {
        // Only the variant the data claims to be is relevant: suggesting a
        // key from a different node type would mislead.
        const matching = options.filter((o) => o._zod.propValues?.[tag]?.has(value[tag]));
        if (matching.length > 0) return matching.flatMap(next);
      }
      return options.flatMap(next);
    }
    default:
      return [schema];
  }
}

function childSchema(schema: LooseSchema, segment: PropertyKey): LooseSchema | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const own = typeof segment === 'string' ? def.shape?.[segment] : undefined;
      return own ?? (def.catchall && def.catchall._zod.def.type !== 'never' ? def.catchall : undefined);
    }
    case 'record':
      return def.valueType;
    case 'array':
      return def.element;
    case 'tuple':
      return (typeof segment === 'number' ? def.items?.[segment] : undefined) ?? def.rest ?? undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------

/** Diagnostics read as a continuation of `file:line:col`, so lower-case the first word unless it is an acronym. */
function lowerFirst(message: string): string {
  if (message.length > 1 && message[1] === message[1].toUpperCase() && /[A-Z]/.test(message[1])) return message;
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
