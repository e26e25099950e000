import type { CallEvent } from '../runtime/events';
import type { ActionParams, GuardParams } from '../runtime/machine-setup';
import type { ListeningMeta } from '../runtime/listening';

/**
 * The slice of xstate's state-node config the compiler writes. Kept as plain data (no functions):
 * every action and guard is referenced by name with params, so the loader can check each name
 * against the machine's implementations — xstate silently ignores an unknown action name.
 */
type RefTo<M> = { [K in keyof M]: M[K] extends undefined ? { type: K; params?: undefined } : { type: K; params: M[K] } }[keyof M];
/** A named action and its params, typed by the runtime's own list (machine-setup.ts). */
export type ActionRef = RefTo<ActionParams>;
export type GuardRef = RefTo<GuardParams>;
export type TransitionConfig = { target?: string; guard?: GuardRef; actions?: ActionRef[]; reenter?: boolean };
export type StateConfig = {
  id?: string;
  type?: 'final';
  initial?: string;
  entry?: ActionRef[];
  always?: TransitionConfig[];
  on?: Partial<Record<CallEventType, TransitionConfig[]>>;
  onDone?: TransitionConfig[];
  states?: Record<string, StateConfig>;
  /** What a waiting state listens for when the caller speaks (read by the runtime, hear-speech.ts). */
  meta?: ListeningMeta;
};

type CallEventType = CallEvent['type'];

export const EVENTS = {
  digits: 'DIGITS',
  noInput: 'NO_INPUT',
  heard: 'HEARD',
  effect: 'EFFECT',
  recording: 'RECORDING',
  hangup: 'HANGUP',
  dialResult: 'DIAL_RESULT',
} as const satisfies Record<string, CallEventType>;
