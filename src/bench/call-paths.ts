/**
 * The calls the benchmark's callers place: real multi-turn paths through the shipped flows, none
 * needing a one-time code (the load generator cannot read SMS). The bench server's clock starts
 * at BENCH_START, a Monday morning when every line is open and the general line is off-peak.
 */
export type CallPath = {
  name: string;
  /** The path of the first webhook request (where the number's voice URL points). */
  ring: string;
  /** The number dialled. */
  to: string;
  /** What the caller keys after each prompt, in order ('' is silence); the call ends after the last. */
  keys: string[];
  /** How the last answer ends the call. */
  ends: 'Hangup' | 'Enqueue' | 'Dial';
};

export const BENCH_START = '2026-11-23T10:00:00+08:00';

export const BENCH_PATHS: readonly CallPath[] = [
  { ring: '/twilio/voice', name: 'commerce: order dispute, order number, to the commerce desk', to: '400-101-5454', keys: ['1', '2026112300001234'], ends: 'Enqueue' },
  { ring: '/twilio/voice', name: 'commerce: merchant onboarding SMS, then goodbye', to: '400-101-5454', keys: ['2', '1'], ends: 'Hangup' },
  { ring: '/twilio/voice', name: 'general: e-commerce menu, onboarding SMS, goodbye', to: '400-0066-888', keys: ['3', '2', '1'], ends: 'Hangup' },
  { ring: '/twilio/voice', name: 'general: a wrong key, e-commerce, order number, to the desk', to: '400-0066-888', keys: ['7', '3', '1', '2026112300005678'], ends: 'Enqueue' },
  { ring: '/twilio/voice', name: 'general: silence, e-commerce, a person', to: '400-0066-888', keys: ['', '3', '3'], ends: 'Enqueue' },
];

/** Voice webhook requests per walk of each path (the ring and one per key), on average. */
export const TURNS_PER_CALL = BENCH_PATHS.reduce((n, p) => n + 1 + p.keys.length, 0) / BENCH_PATHS.length;

/**
 * The tutorial app's calls (TwilioDevEd/ivr-phone-tree-node, the baseline): its welcome menu, then
 * directions (1) or the planets (2) and one of the three it dials. Its Gather actions are relative
 * ("/ivr/menu"), resolved against the request's URL as Twilio does.
 */
export const TUTORIAL_PATHS: readonly CallPath[] = [
  { ring: '/ivr/welcome', name: 'tutorial: directions, then goodbye', to: '+15005550006', keys: ['1'], ends: 'Hangup' },
  { ring: '/ivr/welcome', name: 'tutorial: planets, Broh doe As O G', to: '+15005550006', keys: ['2', '2'], ends: 'Dial' },
  { ring: '/ivr/welcome', name: 'tutorial: planets, DuhGo bah', to: '+15005550006', keys: ['2', '3'], ends: 'Dial' },
  { ring: '/ivr/welcome', name: 'tutorial: planets, an oober asteroid', to: '+15005550006', keys: ['2', '4'], ends: 'Dial' },
];

export const TUTORIAL_TURNS_PER_CALL = TUTORIAL_PATHS.reduce((n, p) => n + 1 + p.keys.length, 0) / TUTORIAL_PATHS.length;
