import { driveTurn } from '../../call/drive-turn';
import { openCall } from '../../call/open-call';
import { maskPhone, routeCall } from '../../hotlines';
import type { CallRecord } from '../../stores/calls/call-record';
import type { Session } from '../../stores/session/session';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import { reportedCountry, type VoiceForm } from '../../telephony/twilio/twilio-form';
import { withinDeadline } from '../deadline';
import { recordTurn } from './call-record-updates';
import { backToTurn, notInServiceReply } from './engine-replies';
import { ENGINE_TEXTS } from './engine-texts';
import { replyForTurn } from './reply-for-turn';
import { commitFault, lateReply, missed, TurnDeadlineError, type TurnAttempt } from './turn-fault';
import { turnLogFields } from './turn-log-fields';
import { turnResult } from './turn-result';
import type { VoiceDeps } from './voice-deps';

/**
 * A call rings (POST /twilio/voice): pick the hotline and its flow, run the greeting up to the
 * first question, store the call, answer TwiML. A retried ring is answered from the stored reply.
 * `startAgain`: the call was in progress but its state is gone (a cache restarted without
 * persistence); it starts over as a fresh call on its line, after an apology.
 */
export async function answerCall(deps: VoiceDeps, form: VoiceForm, opts: { startAgain?: boolean } = {}): Promise<string> {
  const started = deps.clock.now();
  const fromCountry = reportedCountry(form);
  // A test caller reaches the working draft on the same numbers; everybody else the active release.
  const draft = deps.draftFor?.(form.From);
  const project = draft ?? deps.project;
  const hotline = routeCall(project.hotlines, { to: form.To, from: form.From, fromCountry });
  const log = deps.logger.child({ callSid: form.CallSid, hotline: hotline?.id ?? null });
  const a: TurnAttempt = { callSid: form.CallSid, n: 0, input: 'call', started, log, ...(hotline ? { hotline } : {}), stored: false };

  const run = async (signal: AbortSignal): Promise<string> => {
    try {
      const existing = await deps.sessions.get(form.CallSid, started);
      if (existing) {
        log.info({ n: 0, outcome: 'replayed' }, 'turn');
        // Another delivery started the call again already: go to its latest answer.
        if (opts.startAgain) return renderTwiml(backToTurn(existing.turn, deps.urls), deps.voices);
        return existing.replies['0'] ?? renderTwiml(backToTurn(existing.turn, deps.urls), deps.voices);
      }
      const opened = openCall(project, { sid: form.CallSid, to: form.To, from: form.From, ...(fromCountry ? { fromCountry } : {}), now: started }, (id) =>
        draft ? draft.flows.get(id) : deps.flows.current(id),
      );
      if (opened.kind === 'notInService') {
        log.warn({ dialled: form.To, caller: maskPhone(form.From) }, 'call to a number not in service');
        return renderTwiml(notInServiceReply(), deps.voices);
      }
      // Opened with the greeting's session (or with its apology), in the same write.
      a.record = newCallRecord(opened.turn.snapshot.context.lang, opened.turn.snapshot.context.call, opened.flow, opened.afterHours, started);
      deps.observer?.callStarted({ hotline: opened.hotline.id, afterHours: opened.afterHours });
      a.session = {
        callSid: form.CallSid,
        hotline: opened.hotline.id,
        afterHours: opened.afterHours,
        snapshot: opened.turn.snapshot,
        turn: 0,
        replies: {},
        ended: false,
        version: 1,
        updatedAt: started,
        expiresAt: started + deps.timing.sessionTtlMs,
      };

      const driven = await driveTurn(opened.flow, opened.turn, deps.handlers, { now: () => deps.clock.now(), effectTimeoutMs: deps.timing.effectTimeoutMs });
      const reply = replyForTurn(driven, 0, deps.urls);
      const lang = opened.turn.snapshot.context.lang;
      const twiml = renderTwiml(opts.startAgain ? { ...reply, prompts: [{ lang, text: ENGINE_TEXTS[lang].sorryStartAgain }, ...reply.prompts] } : reply, deps.voices);
      if (signal.aborted) return await commitFault(deps, a, new TurnDeadlineError(`the greeting took longer than ${deps.timing.turnDeadlineMs} ms`));
      const now = deps.clock.now();
      const session: Session = {
        ...a.session,
        snapshot: driven.snapshot,
        ...(driven.await ? { awaiting: driven.await } : {}),
        replies: { '0': twiml },
        ended: driven.end !== undefined || driven.snapshot.status === 'done',
        updatedAt: now,
        expiresAt: now + deps.timing.sessionTtlMs,
      };
      const result = turnResult(driven);
      const written = await deps.turns.start(session, a.record, (r) => recordTurn(r, { n: 0, at: started, input: 'call', node: driven.snapshot.context.node, result, ms: now - started }, driven, opened.flow.keyedVars));
      if (!written.saved) {
        // Another server answered the same ring first: say what it said.
        const winner = await deps.sessions.get(form.CallSid, now);
        log.info({ n: 0, outcome: 'replayed' }, 'turn');
        return winner?.replies['0'] ?? twiml;
      }
      // The session is committed: the caller hears this turn whatever happened to its record.
      if ('recordError' in written) missed(deps, a, 'turn', 'the call is answered but its record could not be written', written.recordError);
      log.info(
        { n: 0, caller: maskPhone(form.From), ...(draft ? { draft: true } : {}), flow: opened.flow.id, flowVersion: opened.flow.version, afterHours: opened.afterHours, node: driven.snapshot.context.node, input: 'call', outcome: result, ms: now - started, ...turnLogFields(driven) },
        'turn',
      );
      deps.observer?.turn({ hotline: opened.hotline.id, flowId: opened.flow.id, driven, ms: now - started });
      return twiml;
    } catch (err) {
      return commitFault(deps, a, err);
    }
  };
  return withinDeadline(deps.timing.turnDeadlineMs, (signal) => deps.locks.run(form.CallSid, () => run(signal)), () => lateReply(deps, a));
}

function newCallRecord(
  lang: CallRecord['lang'],
  call: { sid: string; from: string; to: string; country?: string; hotline: string },
  flow: { id: string; version: string },
  afterHours: boolean,
  at: number,
): CallRecord {
  return {
    callSid: call.sid,
    hotline: call.hotline,
    caller: call.from,
    dialled: call.to,
    ...(call.country ? { callerCountry: call.country } : {}),
    lang,
    flowId: flow.id,
    flowVersion: flow.version,
    afterHours,
    startedAt: at,
    status: 'in-progress',
    ...(afterHours ? { outcome: 'after-hours' as const } : {}),
    path: [],
    turns: [],
    ticketIds: [],
    faults: 0,
  };
}
