/**
 * The yaml library often reports one mistake as several errors (a bad indent
 * produces "nested mappings…", "implicit keys…" and "missing value" at once),
 * sometimes positioned at a symptom rather than the cause. We re-position and
 * re-word the common mistakes and then keep one diagnostic per cluster, so a
 * designer sees one accurate line per problem.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type YAMLError } from 'yaml';
import { lowerFirst, type Diagnostic } from './diagnostic';
import { didYouMeanSuffix } from './did-you-mean';
import { keyString, rangeStart, type PositionAt } from './locate';

/**
 * Problems that leave no data to validate. Unresolvable aliases are only
 * looked for in a syntactically sound document: in a broken one they are
 * usually fallout of the syntax error and would just add noise.
 */
export function yamlDiagnostics(file: string, body: string, doc: Document, at: PositionAt): Diagnostic[] {
  const syntax = syntaxDiagnostics(file, body, doc, at);
  return syntax.length > 0 ? syntax : aliasDiagnostics(file, doc, at);
}

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

function syntaxDiagnostics(file: string, body: string, doc: Document, at: PositionAt): Diagnostic[] {
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

function explainYamlError(err: YAMLError, body: string, doc: Document, at: PositionAt): Explained {
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

function findUnclosedQuote(doc: Document, quote: string, errorOffset: number): number | undefined {
  const type = quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  return lastOpeningBefore(doc, errorOffset, (node) => isScalar(node) && node.type === type);
}

/** For a flow (`[…]` / `{…}`) collection of the reported kind. */
function findUnclosedFlow(doc: Document, flowMap: boolean, errorOffset: number): number | undefined {
  return lastOpeningBefore(doc, errorOffset, (node) => (isMap(node) || isSeq(node)) && isMap(node) === flowMap && !!node.flow);
}

/**
 * The composer still builds a string or collection whose closer is missing
 * (running on to where it gave up), so the culprit is the last matching node
 * that opens before the error.
 */
function lastOpeningBefore(doc: Document, errorOffset: number, matches: (node: unknown) => boolean): number | undefined {
  let found: number | undefined;
  visit(doc, (_key, node) => {
    if (!matches(node)) return;
    const start = (node as { range?: [number, number, number] | null }).range?.[0];
    if (start !== undefined && start < errorOffset && (found === undefined || start > found)) found = start;
  });
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
 * In the second shape the wrong line may be the first one instead: a key
 * under-indented between two correctly indented siblings (`type` at 4,
 * `prompt: menu` at 2, `options:` at 4 again) makes the next line look deeper.
 * When the line before returns to the next line's column, the first line is
 * the one out of line.
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
  const [here, next] = [indentOf(startLine), indentOf(nextLine + 1)];
  if (next <= here) return undefined;
  const before = previousContentLine(body, startLine);
  return before !== undefined && indentOf(before) === next ? startLine : nextLine + 1;
}

/** The start of the closest line above `lineStart` with something other than blanks or a comment. */
function previousContentLine(body: string, lineStart: number): number | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = lineStartOf(body, end);
    if (!/^[ \t]*(#.*)?$/.test(body.slice(start, end))) return start;
    end = start - 1;
  }
  return undefined;
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
function aliasDiagnostics(file: string, doc: Document, at: PositionAt): Diagnostic[] {
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
