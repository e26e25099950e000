/**
 * zod's issues describe schema failures in terms of data paths and zod's own
 * vocabulary; designers need them pinned to their file and worded in flow
 * terms ("unknown node type", "missing required key"), with a suggestion
 * when a typo is the likely cause.
 */
import type { z } from 'zod';
import { formatPath, hasPath, isPlainObject, valueAt } from './data-path';
import type { Diagnostic } from './diagnostic';
import { didYouMeanSuffix } from './did-you-mean';
import type { SourcePosition } from './locate';
import { knownKeysAt } from './schema-keys';
import type { SourceFile } from './source-file';

type ZodIssue = z.core.$ZodIssue;

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
  const report = (message: string) => emit(locateIssue(source, path), `${label(path)}${message}`);

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
        report(branch);
      } else if (branch) {
        for (const inner of branch) convertIssue(source, schema, inner, path, out);
      } else {
        report(issue.message);
      }
      return;
    }

    case 'invalid_value': {
      const value = valueAt(source.data, path);
      const strings = issue.values.filter((v): v is string => typeof v === 'string');
      const suffix = typeof value === 'string' ? didYouMeanSuffix(value, strings) : '';
      report(`${issue.message}${suffix}`);
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
      report(issue.message);
      return;
    }

    default:
      report(issue.message);
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

  // A union of objects told apart by their keys (`- press: '1'` / `- hear: …`): a key no branch
  // knows is the mistake, not the keys each branch misses; name it and the keys that would do.
  const value = valueAt(source.data, path);
  if (isPlainObject(value)) {
    const unknownEverywhere = Object.keys(value).filter((k) =>
      typeMatched.every((b) => b.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0 && i.keys.includes(k))),
    );
    const wanted = [...new Set(typeMatched.flatMap((b) => b.filter((i) => i.code === 'invalid_type' && i.path.length === 1 && i.input === undefined).map((i) => String(i.path[0]))))];
    if (unknownEverywhere.length > 0 && wanted.length > 0) {
      const [key] = unknownEverywhere;
      const custom = issue.message && issue.message !== 'Invalid input' ? `: ${issue.message}` : `; expected one of: ${wanted.join(', ')}`;
      return `unknown key ${JSON.stringify(key)}${didYouMeanSuffix(key, wanted)}${custom}`;
    }
  }
  return typeMatched.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function label(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '' : `${formatPath(path)}: `;
}
