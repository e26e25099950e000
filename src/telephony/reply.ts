import type { Await, RenderedPrompt } from '../flow/runtime/turn';

type DigitsAwait = Extract<Await, { kind: 'digits' }>;
type RecordingAwait = Extract<Await, { kind: 'recording' }>;

/**
 * What the engine answers a telephony webhook with, before any provider's markup: the prompts to
 * play, then what happens next. render-twiml.ts turns it into Twilio's TwiML.
 */
export type Reply = {
  prompts: RenderedPrompt[];
  next:
    /** Collect keys while the prompts play; the entry (or silence) is posted to `action`. */
    | { kind: 'gather'; spec: DigitsAwait; action: string }
    /** Record a message after a beep; the recording (or nothing) is posted to `action`. */
    | { kind: 'record'; spec: RecordingAwait; action: string }
    /** Put the caller in an agents' queue; `waitUrl` tells them their position meanwhile. */
    | { kind: 'enqueue'; queue: string; waitUrl: string }
    | { kind: 'dial'; number: string }
    | { kind: 'hangup' }
    | { kind: 'redirect'; url: string }
    /** Nothing more: the provider continues (a queue's wait music loops by asking again). */
    | { kind: 'none' };
};
