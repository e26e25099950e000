import type { Logger } from 'pino';
import { isOpen, type Hotline } from '../../hotlines';
import type { Session } from '../../stores/session/session';
import { withReply } from '../../stores/session/session';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import type { CallRecord, TurnEntry } from '../../stores/calls/call-record';
import { recordFault } from './call-record-updates';
import { FALLBACK_QUEUE, faultReply } from './engine-replies';
import type { VoiceDeps } from './voice-deps';

/** The turn took longer than the turn deadline; the caller already heard an apology. */
export class TurnDeadlineError extends Error {
  readonly code = 'TURN_DEADLINE';
}

/** A webhook names a call this server does not have (never rang here, or expired). */
export class UnknownCallError extends Error {
  readonly code = 'UNKNOWN_CALL';
}
/** The call's snapshot was made by a flow version this process has not loaded. */
export class FlowVersionMissingError extends Error {
  readonly code = 'FLOW_VERSION_MISSING';
}

/** One webhook request for a turn, and what is known about its call so far (for the apology). */
export type TurnAttempt = {
  callSid: string;
  n: number;
  input: TurnEntry['input'];
  started: number;
  log: Logger;
  hotline?: Hotline;
  session?: Session;
  /** Whether `session` is in the store (the first turn builds it before storing it). */
  stored: boolean;
  /** The first turn's new call record, opened with the session it stores (or with its apology). */
  record?: CallRecord;
  /** The apology already sent when the deadline passed, so the stored reply is what was heard. */
  late?: { twiml: string; transferred: boolean };
};

/** The apology for this attempt: in the call's language, a transfer while the line is open. */
function apology(deps: VoiceDeps, a: TurnAttempt): { twiml: string; transferred: boolean } {
  const lang = a.session?.snapshot.context.lang ?? a.hotline?.languages[0] ?? 'zh-CN';
  const transferred = a.session ? !a.session.afterHours : a.hotline ? isOpen(a.hotline, deps.clock.now()) : false;
  return { twiml: renderTwiml(faultReply(lang, transferred, deps.urls), deps.voices), transferred };
}

/** Called by the deadline: answer now, and leave the apology for the running turn to store. */
export function lateReply(deps: VoiceDeps, a: TurnAttempt): string {
  if (!a.late) {
    a.late = apology(deps, a);
    a.log.warn({ n: a.n, deadlineMs: deps.timing.turnDeadlineMs }, 'turn deadline passed; the caller hears an apology');
  }
  return a.late.twiml;
}

/** How often a fault retries storing its apology when other deliveries of the call keep saving first. */
const STORE_ATTEMPTS = 3;

/**
 * Any failure inside a turn ends here: the caller hears an apology and goes to a person (or a
 * goodbye after hours), never an HTTP error. What the caller hears and what the store keeps as the
 * turn's reply must agree, so that a retried delivery hears the same:
 *
 * - the call's state was not loaded (the store failed on the way in): it is loaded again, once;
 * - another delivery already stored this turn: when the caller has not been answered yet they hear
 *   that stored reply instead of an apology; when the deadline already apologised, the apology
 *   replaces it;
 * - otherwise the apology is stored as turn n and the call's flow ends there.
 *
 * The fault goes on the call record; when the store cannot be reached at all, it is logged and
 * counted (observer.recordMissed) instead.
 */
export async function commitFault(deps: VoiceDeps, a: TurnAttempt, err: unknown): Promise<string> {
  const firstHeard = a.late ?? apology(deps, a);
  a.log.error({ err, n: a.n, input: a.input }, 'turn failed; the caller hears an apology');
  const unknownCall = err instanceof UnknownCallError;
  try {
    let s = a.session;
    if (!s && !unknownCall && a.n > 0) {
      s = await deps.sessions.get(a.callSid, deps.clock.now());
      if (s) a.stored = true;
    }
    if (!s) {
      if (!unknownCall) missed(deps, a, 'unstored', 'the apology could not be stored: a retried delivery of this turn may be answered differently');
      return firstHeard.twiml;
    }
    for (let attempt = 0; attempt < STORE_ATTEMPTS; attempt++) {
      const stored = a.stored ? s.replies[String(a.n)] : undefined;
      if (stored !== undefined && s.turn >= a.n && !a.late) {
        // Another delivery answered this turn and stored it: the caller hears the same.
        a.log.warn({ n: a.n }, 'the turn failed here but another delivery stored its answer; answering that');
        return stored;
      }
      const heard = a.late ?? apology(deps, { ...a, session: s });
      const now = deps.clock.now();
      const ended: Session = {
        ...s,
        turn: Math.max(a.n, a.stored ? s.turn : a.n),
        replies: withReply(s, a.n, heard.twiml),
        ended: true,
        version: a.stored ? s.version + 1 : 1,
        updatedAt: now,
        expiresAt: now + deps.timing.sessionTtlMs,
      };
      const entry: TurnEntry = { n: a.n, at: a.started, input: a.input, node: s.snapshot.context.node, result: 'fault', ms: now - a.started };
      const change = (r: CallRecord) => recordFault(r, entry, heard.transferred);
      const written = a.stored ? await deps.turns.commit(ended, change) : a.record ? await deps.turns.start(ended, a.record, change) : { saved: await deps.sessions.insert(ended) };
      if (written.saved) {
        if ('recordError' in written) missed(deps, a, 'fault', 'the apology was stored but the call record could not take the fault', written.recordError);
        deps.observer?.fault({ hotline: s.hotline, ...(heard.transferred ? { queue: FALLBACK_QUEUE } : {}) });
        return heard.twiml;
      }
      const latest = await deps.sessions.get(a.callSid, now);
      if (!latest) break;
      s = latest;
      a.stored = true;
    }
    missed(deps, a, 'unstored', 'other deliveries kept changing the call; the apology was not stored');
  } catch (storeErr) {
    missed(deps, a, 'unstored', 'could not store the apology', storeErr);
  }
  return firstHeard.twiml;
}

/** A write to the call's records that failed after the caller was answered: logged and counted, never a different answer. */
export function missed(deps: Pick<VoiceDeps, 'observer'>, a: Pick<TurnAttempt, 'log' | 'n'>, what: 'turn' | 'fault' | 'unstored', msg: string, err?: unknown): void {
  a.log.error({ ...(err ? { err } : {}), n: a.n, missed: what }, msg);
  deps.observer?.recordMissed({ what });
}
