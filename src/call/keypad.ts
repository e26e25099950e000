import type { Await } from '../flow/runtime/turn';

type DigitsAwait = Extract<Await, { kind: 'digits' }>;

/**
 * How many keys end an entry by themselves, the way Twilio's <Gather numDigits> does: a
 * fixed-length entry with no finish key (a menu key, a 6-digit code) ends on its own; an entry the
 * caller was told to end with a key ("…followed by #") waits for it, or for the timeout.
 */
export function numDigitsFor(a: DigitsAwait): number | undefined {
  return a.minDigits === a.maxDigits && !a.finishOnKey ? a.maxDigits : undefined;
}

/**
 * Takes the next entry from what a caller types, as a phone network would deliver it: an entry ends
 * at the finish key (not part of it) or when the fixed length is reached; keys left without either
 * are delivered when the timeout strikes.
 */
export function takeEntry(keys: string, spec: DigitsAwait): { entry: string; rest: string } {
  let entry = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (spec.finishOnKey && key === spec.finishOnKey) return { entry, rest: keys.slice(i + 1) };
    entry += key;
    if (entry.length === numDigitsFor(spec)) return { entry, rest: keys.slice(i + 1) };
  }
  return { entry, rest: '' };
}
