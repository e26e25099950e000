import { z } from 'zod';
import { LanguageSchema } from '../../flow/schema/prompt.schema';
import { AccountSchema, HeardSummarySchema, PrioritySchema, QueueSchema, TransferResultSchema } from '../../flow/runtime/turn';

/** How a call went, for reports: decided as the call goes, closed by Twilio's status callback. */
export const CallOutcomeSchema = z.enum(['self-served', 'transferred', 'ticket', 'voicemail', 'abandoned', 'after-hours']);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** Twilio's CallStatus: in-progress until the status callback says how it ended. */
export const CallStatusSchema = z.enum(['in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled']);
export type CallStatus = z.infer<typeof CallStatusSchema>;

/** How a spoken turn was understood (HeardSummary's kind): a chosen option, a spoken number, yes, no, "did you mean…?", nothing. */
export const HeardKindSchema = HeardSummarySchema.shape.kind;
export type HeardKind = z.infer<typeof HeardKindSchema>;

/**
 * One webhook turn: what kind of input came (never the digits nor the words), where the flow went
 * (`node`), how long it took. `from`: the node the call waited at when the input came, the menu
 * or entry it answered (reports attribute answers to it; absent for the ring and in records
 * written before it existed). A spoken turn says how it was understood (`heard`) and whether the
 * recogniser's Confidence was below SPEECH_MIN_CONFIDENCE (`lowConfidence`), and whether the words
 * sounded distressed.
 */
export const TurnEntrySchema = z.object({
  n: z.number().int().nonnegative(),
  at: z.number(),
  input: z.enum(['call', 'digits', 'noInput', 'speech', 'recording', 'hangup', 'dialResult']),
  node: z.string(),
  from: z.string().optional(),
  heard: HeardKindSchema.optional(),
  lowConfidence: z.literal(true).optional(),
  /** The words sounded distressed (the call's first such turn tells the agent when). */
  distressed: z.literal(true).optional(),
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

/** A recording of an agent's leg of the call, as Twilio's recordingStatusCallback reported it. */
export const AgentRecordingSchema = z.object({
  sid: z.string(),
  url: z.string(),
  agent: z.string(),
  durationSec: z.number().int().nonnegative().optional(),
  at: z.number(),
  /** When `ivr purge` deletes it (at Twilio, then here): 6 months after it arrived. */
  retainUntil: z.number(),
});
export type AgentRecording = z.infer<typeof AgentRecordingSchema>;

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
  /**
   * The last transfer: to a queue (with its priority), or to a number: `result` absent while it
   * rings, then what it came to, and the talk time of an answered one.
   */
  transfer: z
    .object({
      queue: QueueSchema.optional(),
      number: z.string().optional(),
      priority: PrioritySchema.optional(),
      result: TransferResultSchema.optional(),
      talkSec: z.number().int().nonnegative().optional(),
    })
    .optional(),
  /** Every dial to a number that ended, in order (a fallback may lead to another transfer, which `transfer` then shows). */
  dials: z.array(z.object({ at: z.number(), number: z.string(), result: TransferResultSchema, talkSec: z.number().int().nonnegative() })).optional(),
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
  /** The account the caller verified (masked phone only), for the agents' screen-pop. */
  account: AccountSchema.optional(),
  /** Ids the caller keyed (order id, content id…): the flow's non-sensitive vars only (CompiledFlow.keyedVars). */
  keyed: z.record(z.string(), z.string()).optional(),
  /** The agent legs' recordings (Twilio's recordingStatusCallback), one per RecordingSid; purged like `recordingUrl`. */
  agentRecordings: z.array(AgentRecordingSchema).optional(),
  /**
   * The caller sounded distressed in a spoken turn (flows/speech/<lang>.yaml `distress`): the
   * transfer's and tickets' priority went one step up (`transfer.priority` is the raised one).
   */
  distressed: z.literal(true).optional(),
  /**
   * The variant each A/B `split` node gave the call, by `<flow>/<node>`: `{ "ab/greeting_test":
   * "short" }`. Reports break outcomes, abandonment and ratings down by it.
   */
  variants: z.record(z.string(), z.string()).optional(),
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
