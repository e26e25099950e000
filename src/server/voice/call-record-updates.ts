import type { DrivenTurn } from '../../call/drive-turn';
import { raisePriority, type HeardSummary } from '../../flow/runtime/turn';
import type { CallRecord, CallOutcome, CallStatus, TurnEntry } from '../../stores/calls/call-record';
import { retainUntil } from '../../retention/retention-policy';
import { FALLBACK_QUEUE } from './engine-replies';
import { keyedVars } from '../../flow/compile/keyed-vars';

/**
 * What a turn entry says about the caller's answer (pure): the node that waited for it (empty
 * before the first node: none) and, when they spoke, how the words were understood and whether
 * the recogniser was less sure than SPEECH_MIN_CONFIDENCE (as the runtime judged). Never the words.
 */
export function answerFields(waitedAt: string, heard: HeardSummary | undefined): Pick<TurnEntry, 'from' | 'heard' | 'lowConfidence' | 'distressed'> {
  return {
    ...(waitedAt !== '' ? { from: waitedAt } : {}),
    ...(heard ? { heard: heard.kind } : {}),
    ...(heard?.lowConfidence ? { lowConfidence: true as const } : {}),
    ...(heard?.distressed ? { distressed: true as const } : {}),
  };
}

/**
 * What a turn did to the call, as the call record keeps it (pure). `keyedVars`: the flow's vars
 * an agent may see (CompiledFlow.keyedVars), copied as `keyed`; no other var reaches the record.
 */
export function recordTurn(record: CallRecord, entry: TurnEntry, turn: DrivenTurn, keyedVarNames: readonly string[] = []): CallRecord {
  const ticketIds = [...record.ticketIds];
  for (const p of turn.performed) {
    const id = p.result.ok && p.result.kind === 'createTicket' ? p.result.value.ticketId : undefined;
    if (id !== undefined && !ticketIds.includes(id)) ticketIds.push(id);
  }
  const refused = smsRefusals(turn, entry.at);
  const ctx = turn.snapshot.context;
  const keyed = keyedVars(ctx.vars, keyedVarNames);
  const next: CallRecord = {
    ...record,
    lang: ctx.lang,
    path: ctx.path,
    turns: [...record.turns, entry],
    ticketIds,
    ...(ctx.account ? { account: ctx.account } : {}),
    ...(Object.keys(keyed).length > 0 ? { keyed } : {}),
    ...(ctx.variants ? { variants: ctx.variants } : {}),
    ...(refused.length > 0 ? { smsRefused: [...(record.smsRefused ?? []), ...refused] } : {}),
    // Once distressed, always: the raised priority stays with the call.
    ...(ctx.distressed || turn.heard?.distressed ? { distressed: true as const } : {}),
    ...(ctx.vars.recordingUrl ? { recordingUrl: ctx.vars.recordingUrl, recordingRetainUntil: record.recordingRetainUntil ?? retainUntil(entry.at) } : {}),
    ...transferSoFar(record, entry.at, turn),
  };
  const outcome = outcomeSoFar(next, turn);
  return outcome ? { ...next, outcome } : next;
}

/**
 * The transfer this turn made or settled. A dial that ended is kept in `dials` whatever follows;
 * `transfer` shows the latest: a queue, a number ringing (no result yet), or the dial's result.
 */
function transferSoFar(record: CallRecord, at: number, turn: DrivenTurn): Pick<CallRecord, 'transfer' | 'dials'> {
  const d = turn.dialled;
  const out: Pick<CallRecord, 'transfer' | 'dials'> = {};
  if (d) {
    out.dials = [...(record.dials ?? []), { at, number: d.number, result: d.result, talkSec: d.talkSec }];
    out.transfer = { number: d.number, result: d.result, ...(d.result === 'answered' ? { talkSec: d.talkSec } : {}) };
  }
  if (turn.await?.kind === 'dial') out.transfer = { number: turn.await.number };
  if (turn.end?.kind === 'transfer') out.transfer = { queue: turn.end.queue, priority: turn.end.priority };
  return out;
}

/** The SMS of this turn's effects that the SMS guard refused: a flow `sms` node's, or a ticket's notification. */
function smsRefusals(turn: DrivenTurn, at: number): NonNullable<CallRecord['smsRefused']> {
  const refused: NonNullable<CallRecord['smsRefused']> = [];
  for (const { effect, result } of turn.performed) {
    // An `sms` node's SMS is recorded by what it was for (reset_link, face_verify…).
    if (!result.ok && result.code === 'SMS_REFUSED') refused.push({ at, kind: effect.kind === 'sendSms' ? effect.args.kind : effect.kind, reason: result.reason ?? 'unknown' });
    if (result.ok && result.kind === 'createTicket' && result.value.smsRefused !== undefined) refused.push({ at, kind: 'ticket', reason: result.value.smsRefused });
    // The identity check hears a refused code as a result it handles, not as a failure.
    if (result.ok && result.kind === 'sendOtp' && result.value.status === 'refused') refused.push({ at, kind: 'otp', reason: result.value.reason ?? 'unknown' });
  }
  return refused;
}

/**
 * The engine answered a turn with an apology: count the fault, and a transfer if it made one (a
 * step up for a caller who already sounded distressed, as the flow's own transfers are).
 */
export function recordFault(record: CallRecord, entry: TurnEntry, transferred: boolean): CallRecord {
  const priority = record.distressed ? raisePriority('normal') : 'normal';
  return {
    ...record,
    turns: [...record.turns, entry],
    faults: record.faults + 1,
    ...(transferred ? { transfer: { queue: FALLBACK_QUEUE, priority }, outcome: 'transferred' as const } : {}),
  };
}

const TERMINAL: ReadonlySet<string> = new Set<CallStatus>(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
export function isTerminalStatus(status: string): status is Exclude<CallStatus, 'in-progress'> {
  return TERMINAL.has(status);
}

/** Twilio's status callback closed the call; a call the flow never finished was abandoned. */
export function closeCall(record: CallRecord, status: Exclude<CallStatus, 'in-progress'>, at: number, durationSec?: number): CallRecord {
  if (record.endedAt !== undefined) return record;
  return {
    ...record,
    status,
    endedAt: at,
    ...(durationSec !== undefined ? { durationSec } : {}),
    outcome: record.outcome ?? (record.afterHours ? 'after-hours' : 'abandoned'),
  };
}

/**
 * How the call went so far. A transfer (a queue, or a dial someone answered) wins; a ticket counts even if the caller then hangs up; a
 * flow that hung up by itself served the caller. Undecided while the call is still in the flow.
 */
function outcomeSoFar(r: CallRecord, turn: DrivenTurn): CallOutcome | undefined {
  const end = turn.end?.kind;
  if (r.afterHours) return 'after-hours';
  // A dial counts once someone answered it; ringing, busy or unanswered is not a transfer.
  if (end === 'transfer' || turn.dialled?.result === 'answered') return 'transferred';
  if (r.ticketIds.length > 0) return r.recordingUrl ? 'voicemail' : 'ticket';
  if (end === 'hangup') return 'self-served';
  return r.outcome;
}
