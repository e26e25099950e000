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
    /**
     * Collect keys while the prompts play; the entry (or silence) is posted to `action`. With
     * `onSilence: 'continue'` nothing is posted without a key and the provider goes on (a queue's
     * wait music asks again).
     */
    | { kind: 'gather'; spec: DigitsAwait; action: string; onSilence?: 'post' | 'continue' }
    /** Record a message after a beep; the recording (or nothing) is posted to `action`. */
    | { kind: 'record'; spec: RecordingAwait; action: string }
    /**
     * Put the caller in an agents' queue; `waitUrl` tells them their position meanwhile, `action`
     * is asked what to do once they leave the queue (a callback chosen, the queue full, the agent done).
     */
    | { kind: 'enqueue'; queue: string; waitUrl: string; action: string }
    /** Take the caller out of the queue they wait in (from the wait TwiML); `action` of the queue follows. */
    | { kind: 'leave' }
    | { kind: 'dial'; number: string }
    /**
     * Bridge this call (an agent's) to the front caller of `queue` (<Dial><Queue>); with
     * `recordingCallback` the bridged call is recorded (both legs) and the recording posted there.
     */
    | { kind: 'dialQueue'; queue: string; recordingCallback?: string }
    | { kind: 'hangup' }
    | { kind: 'redirect'; url: string }
    /** Nothing more: the provider continues (a queue's wait music loops by asking again). */
    | { kind: 'none' };
};
