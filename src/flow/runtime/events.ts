import type { EffectResult, Input } from './input';
import type { DialStatus } from './turn';

/** The machine's events: the driver's inputs, renamed in the state-machine convention. */
export type CallEvent =
  | { type: 'DIGITS'; digits: string }
  | { type: 'NO_INPUT' }
  | { type: 'SPEECH'; text: string }
  | { type: 'EFFECT'; result: EffectResult }
  | { type: 'RECORDING'; url: string; durationSec: number }
  | { type: 'HANGUP' }
  | { type: 'DIAL_RESULT'; status: DialStatus; durationSec: number; callerLeft: boolean };

export function toEvent(input: Input): CallEvent {
  switch (input.type) {
    case 'digits':
      return { type: 'DIGITS', digits: input.digits };
    case 'noInput':
      return { type: 'NO_INPUT' };
    case 'speech':
      return { type: 'SPEECH', text: input.text };
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
