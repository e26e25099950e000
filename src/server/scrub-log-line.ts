import { maskPhone } from '../hotlines';

/**
 * The last line of defence of the logs' privacy, applied to every line pino writes: phone numbers
 * and e-mail addresses inside JSON strings are masked, whatever field or error message carried
 * them. Fields are masked at the source too (maskPhone); this catches what a future log call, a
 * provider's error message or a stack trace lets slip. Only string contents are touched, so the
 * line stays valid JSON.
 */
export function scrubLogLine(line: string): string {
  return line.replace(JSON_STRING, (s) => (MAYBE_PRIVATE.test(s) ? scrubText(s) : s));
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const MAYBE_PRIVATE = /[+@]|\d{7}/;

/** +86 138 0013 8000, +1-415-555-0100, +8610690000001: a "+" and 7 to 15 digits, maybe grouped. */
const INTERNATIONAL = /\+\d(?:[ -]?\d){6,14}(?![\d])/g;
/** 13800138000 or 8613800138000 standing alone (not inside a longer run of digits or an id). */
const CHINESE_MOBILE = /(?<![\w+*])(?:86)?1[3-9]\d{9}(?!\w)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function scrubText(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(INTERNATIONAL, (n) => maskPhone(n))
    .replace(CHINESE_MOBILE, (n) => maskPhone(n.length === 11 ? `+86${n}` : `+${n}`));
}
