import type { EffectResult, Input } from './input';
import type { DialStatus } from './turn';
import type { Choice } from '../../speech/hearing';

/**
 * What a caller's words came to, as the machine sees it. Words that chose a menu key or said a
 * number arrive as DIGITS instead (the same transitions as the keys); the text itself never enters
 * the machine, so a spoken code is never in a snapshot.
 */
export type HeardEvent =
  | { kind: 'choice'; choice: Choice }
  | { kind: 'unsure'; choices: Choice[] }
  | { kind: 'no' }
  | { kind: 'noMatch' };

/** The machine's events: the driver's inputs, renamed in the state-machine convention. */
export type CallEvent =
  | { type: 'DIGITS'; digits: string }
  | { type: 'NO_INPUT' }
  | { type: 'HEARD'; heard: HeardEvent }
  | { type: 'EFFECT'; result: EffectResult }
  | { type: 'RECORDING'; url: string; durationSec: number }
  | { type: 'HANGUP' }
  | { type: 'DIAL_RESULT'; status: DialStatus; durationSec: number; callerLeft: boolean };

/** The event for any input but speech, which needs the flow's words to understand (hear-speech.ts). */
export function toEvent(input: Exclude<Input, { type: 'speech' }>): CallEvent {
  switch (input.type) {
    case 'digits':
      return { type: 'DIGITS', digits: input.digits };
    case 'noInput':
      return { type: 'NO_INPUT' };
    case 'effect':
      return { type: 'EFFECT', result: input.result };
    case 'recording':
      return { type: 'RECORDING', url: input.url, durationSec: input.durationSec };
    case 'hangup':
      return { type: 'HANGUP' };
    case 'dialResult':
      return { type: 'DIAL_RESULT', status: input.status, durationSec: input.durationSec, callerLeft: input.callerLeft ?? false };
  }
}
