import type { Logger } from 'pino';
import { isOpen, type Hotline } from '../../hotlines';
import type { Session } from '../../stores/session/session';
import { withReply } from '../../stores/session/session';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import type { TurnEntry } from '../../stores/calls/call-record';
import { recordFault } from './call-record-updates';
import { FALLBACK_QUEUE, faultReply } from './engine-replies';
import type { VoiceDeps } from './voice-deps';

/** The turn took longer than the turn deadline; the caller already heard an apology. */
export class TurnDeadlineError extends Error {
  readonly code = 'TURN_DEADLINE';
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

/**
 * Any failure inside a turn ends here: the caller hears an apology and goes to a person (or a
 * goodbye after hours), never an HTTP error. The apology is stored as the turn's reply when the
 * store allows, so a retry hears the same; the session ends there.
 */
export async function commitFault(deps: VoiceDeps, a: TurnAttempt, err: unknown): Promise<string> {
  const { twiml, transferred } = a.late ?? apology(deps, a);
  a.log.error({ err, n: a.n, input: a.input }, 'turn failed; the caller hears an apology');
  const s = a.session;
  if (!s) return twiml;
  try {
    const now = deps.clock.now();
    const ended: Session = {
      ...s,
      turn: a.n,
      replies: withReply(s, a.n, twiml),
      ended: true,
      version: a.stored ? s.version + 1 : 1,
      updatedAt: now,
      expiresAt: now + deps.timing.sessionTtlMs,
    };
    const saved = a.stored ? await deps.sessions.save(ended) : await deps.sessions.insert(ended);
    if (saved) {
      const entry: TurnEntry = { n: a.n, at: a.started, input: a.input, node: s.snapshot.context.node, result: 'fault', ms: now - a.started };
      await deps.calls.update(a.callSid, (r) => recordFault(r, entry, transferred));
      deps.observer?.fault({ hotline: s.hotline, ...(transferred ? { queue: FALLBACK_QUEUE } : {}) });
    }
  } catch (storeErr) {
    a.log.error({ err: storeErr, n: a.n }, 'could not store the apology');
  }
  return twiml;
}
