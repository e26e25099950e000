import { z } from 'zod';
import { AwaitSchema, type CallSnapshot } from '../../flow/runtime/turn';

const CallSnapshotSchema = z.custom<CallSnapshot>(
  (v) => typeof v === 'object' && v !== null && typeof (v as CallSnapshot).flowId === 'string' && typeof (v as CallSnapshot).version === 'string',
  'a call snapshot has flowId and version',
);

/**
 * A call in progress as the webhook keeps it between Twilio's requests: the runtime's snapshot,
 * what the call waits for, and the TwiML answered for the latest turns so that a retried request
 * gets the same answer without applying the caller's input twice.
 */
export const SessionSchema = z.object({
  callSid: z.string().min(1),
  hotline: z.string(),
  afterHours: z.boolean(),
  snapshot: CallSnapshotSchema,
  /** What the last answer asked of the caller; its `sensitive` keeps keyed digits out of logs. */
  awaiting: AwaitSchema.optional(),
  /** The last turn answered: 0 is the greeting, n the answer to the n-th action request. */
  turn: z.number().int().nonnegative(),
  /** TwiML answered per turn number, for the latest few turns. */
  replies: z.record(z.string(), z.string()),
  /** The flow ended the call (transfer, hang-up) or the engine gave up on it. */
  ended: z.boolean(),
  /** Bumped on every save; a save expecting an older version loses (compare-and-set). */
  version: z.number().int().positive(),
  updatedAt: z.number(),
  expiresAt: z.number(),
});
export type Session = z.infer<typeof SessionSchema>;

/**
 * How many turns' replies a session keeps for retries: Twilio retries the latest request only, and
 * the one before it covers a retry that arrives late, after the caller's next answer. An older
 * turn is sent to the latest one. Each reply kept is ~0.5 KB written with every turn (it was 4).
 */
export const KEPT_REPLIES = 2;

/** The session after answering turn `n` with `twiml`: the reply kept, older replies dropped. */
export function withReply(session: Session, n: number, twiml: string): Session['replies'] {
  const replies: Session['replies'] = { ...session.replies, [String(n)]: twiml };
  for (const key of Object.keys(replies)) if (Number(key) <= n - KEPT_REPLIES) delete replies[key];
  return replies;
}
