import { z } from 'zod';
import { LanguageSchema } from '../../flow/schema/prompt.schema';
import { PrioritySchema, QueueSchema } from '../../flow/runtime/turn';

/** How a call went, for reports: decided as the call goes, closed by Twilio's status callback. */
export const CallOutcomeSchema = z.enum(['self-served', 'transferred', 'ticket', 'voicemail', 'abandoned', 'after-hours']);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** Twilio's CallStatus: in-progress until the status callback says how it ended. */
export const CallStatusSchema = z.enum(['in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled']);
export type CallStatus = z.infer<typeof CallStatusSchema>;

/** One webhook turn: what kind of input came (never the digits), where the flow went, how long it took. */
export const TurnEntrySchema = z.object({
  n: z.number().int().nonnegative(),
  at: z.number(),
  input: z.enum(['call', 'digits', 'noInput', 'speech', 'recording', 'hangup']),
  node: z.string(),
  result: z.enum(['waiting', 'transferred', 'hangup', 'fault']),
  ms: z.number().nonnegative(),
});
export type TurnEntry = z.infer<typeof TurnEntrySchema>;

/** Why the engine took a caller out of a queue (written before answering <Leave/>, read at the queue's action). */
export const QueueLeavingSchema = z.enum(['callback', 'max-wait', 'full', 'closed']);
export type QueueLeaving = z.infer<typeof QueueLeavingSchema>;

/**
 * The caller's stay in an agents' queue: `result` is Twilio's QueueResult (bridged, hangup, leave,
 * queue-full, error…) or ours when the engine took them out (max-wait, closed, overflow: the queue
 * was full); `waitedSec` is Twilio's QueueTime. `overflowedFrom`: the queue they waited in before (one hop).
 */
export const QueueVisitSchema = z.object({
  id: z.string(),
  leaving: QueueLeavingSchema.optional(),
  result: z.string().optional(),
  waitedSec: z.number().nonnegative().optional(),
  overflowedFrom: z.object({ id: z.string(), result: z.string(), waitedSec: z.number().nonnegative() }).optional(),
});
export type QueueVisit = z.infer<typeof QueueVisitSchema>;

/**
 * One call as the admin API shows it. The caller's number is stored in full (staff call back) but
 * only ever logged masked. Tickets are referenced by id; GET /api/calls/:callSid can join them
 * (and a later survey) from their own stores by `callSid` without changing this record.
 */
export const CallRecordSchema = z.object({
  callSid: z.string(),
  hotline: z.string(),
  caller: z.string(),
  dialled: z.string(),
  callerCountry: z.string().optional(),
  lang: LanguageSchema,
  flowId: z.string(),
  flowVersion: z.string(),
  afterHours: z.boolean(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  durationSec: z.number().optional(),
  status: CallStatusSchema,
  outcome: CallOutcomeSchema.optional(),
  path: z.array(z.string()),
  turns: z.array(TurnEntrySchema),
  transfer: z.object({ queue: QueueSchema.optional(), number: z.string().optional(), priority: PrioritySchema }).optional(),
  ticketIds: z.array(z.string()),
  /** The agents' queue the caller waited in last, and how that ended. */
  queue: QueueVisitSchema.optional(),
  recordingUrl: z.string().optional(),
  /** When the recording may be purged (`ivr purge`): 6 months after it was made. */
  recordingRetainUntil: z.number().optional(),
  /** Turns the engine could not serve (an error, a deadline): each answered with an apology. */
  faults: z.number().int().nonnegative(),
  /** SMS the SMS guard refused during the call (why, and for what), e.g. a premium-rate caller ID. */
  smsRefused: z.array(z.object({ at: z.number(), kind: z.string(), reason: z.string() })).optional(),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

/** A stored call record that no longer matches CallRecordSchema (written by an older bug, or by hand). */
export class CallRecordDecodeError extends Error {
  readonly code = 'CALL_RECORD_UNDECODABLE';
  constructor(
    readonly callSid: string,
    detail: string,
  ) {
    super(`the stored record of call ${callSid} does not decode (${detail}); fix or delete that row, the other calls are unaffected`);
  }
}

/** Told about each record a listing left out because it does not decode (to log and count it). */
export type UndecodableRecordHandler = (err: CallRecordDecodeError) => void;

/** Decodes one stored record, or throws CallRecordDecodeError naming the call and the first bad field. */
export function decodeCallRecord(callSid: string, data: unknown): CallRecord {
  const parsed = CallRecordSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CallRecordDecodeError(callSid, `${issue.path.join('.') || 'record'}: ${issue.message}`);
}

/** Decodes a listing's rows, leaving out (and reporting) those that do not decode: one bad record never fails a list. */
export function decodeCallRecords(rows: readonly { callSid: string; data: unknown }[], onUndecodable: UndecodableRecordHandler = () => undefined): CallRecord[] {
  const records: CallRecord[] = [];
  for (const row of rows) {
    try {
      records.push(decodeCallRecord(row.callSid, row.data));
    } catch (err) {
      if (!(err instanceof CallRecordDecodeError)) throw err;
      onUndecodable(err);
    }
  }
  return records;
}
