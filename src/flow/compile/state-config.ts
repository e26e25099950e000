/**
 * The slice of xstate's state-node config the compiler writes. Kept as plain data (no functions):
 * every action and guard is referenced by name with params, so the loader can check each name
 * against the machine's implementations — xstate silently ignores an unknown action name.
 */
export type ActionRef = { type: string; params?: Record<string, unknown> };
export type GuardRef = { type: string; params?: Record<string, unknown> };
export type TransitionConfig = { target?: string; guard?: GuardRef; actions?: ActionRef[]; reenter?: boolean };
export type StateConfig = {
  id?: string;
  type?: 'final';
  initial?: string;
  entry?: ActionRef[];
  always?: TransitionConfig[];
  on?: Record<string, TransitionConfig[]>;
  onDone?: TransitionConfig[];
  states?: Record<string, StateConfig>;
};

export const EVENTS = {
  digits: 'DIGITS',
  noInput: 'NO_INPUT',
  speech: 'SPEECH',
  effect: 'EFFECT',
  recording: 'RECORDING',
  hangup: 'HANGUP',
} as const;
