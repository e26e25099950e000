/**
 * Data paths - the mix of mapping keys and sequence indexes zod reports and
 * `SourceFile.locate` accepts - printed for people and followed through the
 * plain data a flow file parsed into.
 */

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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether every step of `path` was written: what separates a "missing key" message from a "wrong value" one. */
export function hasPath(data: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  return follow(data, path).found;
}

export function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return follow(data, path).value;
}

function follow(data: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let current = data;
  for (const segment of path) {
    // Own properties only: a key like `constructor` in a path must not
    // resolve to something inherited that the designer never wrote.
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return { found: true, value: current };
}
