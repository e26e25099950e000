/**
 * What a caller does at one prompt, as `ivr call` is told it: keys, silence, or words (with the
 * recogniser's confidence, when the script gives one). `other`: any other token, which leaves a
 * message at a voicemail's beep ("2 message") and is refused anywhere else (`notAnEntry`).
 */
export type CallerEntry =
  | { kind: 'keys'; keys: string }
  | { kind: 'silence' }
  | { kind: 'say'; text: string; confidence?: number }
  | { kind: 'other'; token: string };

export class CallerScriptError extends Error {
  readonly code = 'CALLER_SCRIPT';
}

/** The syntax, as `ivr call --help` and the errors show it. */
export const CALLER_SCRIPT_SYNTAX =
  'entries separated by spaces: keys ("1", "13800138000#"), "_" for silence, say:<word> or say:"several words" ' +
  'for speech, say@0.3:"…" to give the recogniser\'s confidence (0-1)';

const QUOTES: Record<string, string> = { '"': '"', '“': '”' };
const KEYS = /^[0-9*#]+$/;
const SAY = /^say(?:@([^:\s]*))?:/;

/**
 * Reads `--input`: `1 say:人工 _ say@0.3:"one three eight" 13800138000#`. A quoted phrase keeps
 * its spaces (ASCII or Chinese quotes); anything else is an error that names the entry and the syntax.
 */
export function parseCallerScript(script: string): CallerEntry[] {
  const entries: CallerEntry[] = [];
  let i = 0;
  while (i < script.length) {
    if (/\s/.test(script[i])) {
      i++;
      continue;
    }
    const say = SAY.exec(script.slice(i));
    if (say) {
      const confidence = parseConfidence(say[1], say[0]);
      i += say[0].length;
      const close = QUOTES[script[i]];
      let text: string;
      if (close) {
        const end = script.indexOf(close, i + 1);
        if (end < 0) throw new CallerScriptError(`${say[0]}${script.slice(i, i + 20)}…: the quote is never closed; write ${say[0]}"several words"`);
        text = script.slice(i + 1, end);
        i = end + 1;
        if (i < script.length && !/\s/.test(script[i])) throw new CallerScriptError(`${say[0]}"${text}"${script[i]}…: put a space after the closing quote`);
      } else {
        const end = nextSpace(script, i);
        text = script.slice(i, end);
        i = end;
        if (text === '') throw new CallerScriptError(`"${say[0]}" says nothing: write ${say[0]}<word> or ${say[0]}"several words" (say:"" for an empty result)`);
      }
      entries.push({ kind: 'say', text, ...(confidence !== undefined ? { confidence } : {}) });
      continue;
    }
    const end = nextSpace(script, i);
    entries.push(keysOrSilence(script.slice(i, end)));
    i = end;
  }
  return entries;
}

/**
 * One line typed at `ivr call`'s prompt: a line that starts with a double quote is speech
 * (`"我的账号被盗了"`, optionally followed by `@0.3`), `say:…` entries work as in a script, anything
 * else is keys as before (several entries at once, "_" for silence).
 */
export function parseTypedLine(line: string): CallerEntry[] {
  const t = line.trim();
  const close = QUOTES[t[0]];
  if (close) {
    const end = t.indexOf(close, 1);
    const text = end < 0 ? t.slice(1) : t.slice(1, end);
    const after = end < 0 ? '' : t.slice(end + 1).trim();
    if (after !== '' && !after.startsWith('@')) throw new CallerScriptError(`after the closing quote only @<confidence> may follow, e.g. "${text}" @0.3`);
    const confidence = after === '' ? undefined : parseConfidence(after.slice(1), after);
    return [{ kind: 'say', text, ...(confidence !== undefined ? { confidence } : {}) }];
  }
  if (t === '' || t === '_') return [{ kind: 'silence' }];
  if (SAY.test(t)) return parseCallerScript(t);
  // Keys as before: spaces do not matter ("1 2" is two menu keys, "138 0013 8000#" one number).
  if (/^[0-9*#\s]+$/.test(t)) return [{ kind: 'keys', keys: t }];
  throw new CallerScriptError(`"${t}" is not an entry: keys, Enter for silence, "h" to hang up, or "words in quotes" to speak`);
}

function keysOrSilence(token: string): CallerEntry {
  if (token === '_') return { kind: 'silence' };
  if (KEYS.test(token)) return { kind: 'keys', keys: token };
  return { kind: 'other', token };
}

/** The error for an `other` entry where the call waits for keys or words. */
export function notAnEntry(token: string): CallerScriptError {
  return new CallerScriptError(`"${token}" is not an entry here: ${CALLER_SCRIPT_SYNTAX} (any other word only leaves a message at a voicemail)`);
}

function parseConfidence(text: string | undefined, where: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new CallerScriptError(`"${where}": the confidence "${text}" must be a number from 0 to 1, e.g. say@0.3:"嗯电商"`);
  }
  return n;
}

function nextSpace(s: string, from: number): number {
  const m = /\s/.exec(s.slice(from));
  return m ? from + m.index : s.length;
}
