/**
 * A single problem found in a flow designer's file, pinned to the place a
 * person would have to edit. Every validation layer (YAML syntax, schema,
 * cross-reference checks) reports in this one shape so tooling - the CLI,
 * editors parsing `file:line:col`, CI logs - needs to understand only one thing.
 */
export type Diagnostic = {
  /** Path as the user should see it (relative to cwd when read from disk). */
  file: string;
  /** 1-based, like every editor and `file:line:col` consumer expects. */
  line: number;
  /** 1-based column, counted in UTF-16 code units of the line. */
  col: number;
  /** One line, no trailing period; says what is wrong and, when we can tell, how to fix it. */
  message: string;
};

/**
 * `file:line:col message` is the format compilers (gcc, tsc --pretty false,
 * eslint unix formatter) use, so terminals and editors turn it into a link.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.message}`;
}

/** Diagnostics read as a continuation of `file:line:col`, so lower-case the first word unless it is an acronym. */
export function lowerFirst(message: string): string {
  if (message.length > 1 && message[1] === message[1].toUpperCase() && /[A-Z]/.test(message[1])) return message;
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/**
 * Orders diagnostics the way a reader walks through files: by file, then top
 * to bottom. Returns a new array; the sort is stable so diagnostics at the
 * same position keep the order the checker produced them in.
 */
export function sortDiagnostics(ds: ReadonlyArray<Diagnostic>): Diagnostic[] {
  return [...ds].sort((a, b) => {
    // Plain code-unit comparison rather than localeCompare: output must not
    // depend on the machine's locale, or CI and laptops would disagree.
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    if (a.line !== b.line) return a.line - b.line;
    return a.col - b.col;
  });
}

/**
 * The one error type meaning "this input is invalid". Callers that only log
 * get a readable message for free; callers that care (CLI exit codes, editor
 * integrations, tests) catch it and read the structured `diagnostics`.
 */
export class DiagnosticsError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: ReadonlyArray<Diagnostic>) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticsError';
    this.diagnostics = [...diagnostics];
  }
}
