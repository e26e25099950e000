import { driveTurn } from '../../call/drive-turn';
import { step } from '../../flow/runtime/runtime';
import type { HeardSummary } from '../../flow/runtime/turn';
import { withReply, type Session } from '../../stores/session/session';
import { renderTwiml } from '../../telephony/twilio/render-twiml';
import { reportedCountry, type VoiceForm } from '../../telephony/twilio/twilio-form';
import { isOpen, routeCall } from '../../hotlines';
import { answerCall } from './answer-call';
import { withinDeadline } from '../deadline';
import { answerFields, recordTurn } from './call-record-updates';
import { backToTurn } from './engine-replies';
import { inputFromForm, type ActionKind } from './input-from-form';
import { replyForTurn } from './reply-for-turn';
import { commitFault, FlowVersionMissingError, lateReply, missed, TurnDeadlineError, UnknownCallError, type TurnAttempt } from './turn-fault';
import { turnLogFields } from './turn-log-fields';
import { turnResult } from './turn-result';
import type { VoiceDeps } from './voice-deps';

/**
 * The caller answered turn n - 1 (keys, silence, a recording): apply it to the stored call, perform
 * the effects, store the new state with the reply, answer TwiML. Turn numbers make retries safe:
 * a turn already answered is answered again from the store, never applied twice.
 */
export async function continueCall(deps: VoiceDeps, form: VoiceForm, n: number, action: ActionKind): Promise<string> {
  const started = deps.clock.now();
  const input = inputFromForm(form, action, started);
  const log = deps.logger.child({ callSid: form.CallSid });
  const a: TurnAttempt = { callSid: form.CallSid, n, input: input.type === 'effect' ? 'call' : input.type, started, log, stored: true };

  const run = async (signal: AbortSignal): Promise<string | typeof START_AGAIN> => {
    try {
      const session = await deps.sessions.get(form.CallSid, started);
      if (!session) throw new UnknownCallError(`no call ${form.CallSid} here (it never rang, or it expired)`);
      a.session = session;
      a.log = log.child({ hotline: session.hotline });
      const stored = session.replies[String(n)];
      if (n <= session.turn && stored) {
        a.log.info({ n, outcome: 'replayed' }, 'turn');
        return stored;
      }
      if (n !== session.turn + 1) {
        a.log.warn({ n, latest: session.turn }, 'out-of-order turn; redirected to the latest');
        return renderTwiml(backToTurn(session.turn, deps.urls), deps.voices);
      }
      if (session.ended) return renderTwiml({ prompts: [], next: { kind: 'hangup' } }, deps.voices);
      const { flowId, version } = session.snapshot;
      const flow = deps.flows.get(flowId, version) ?? (await deps.findFlow?.(flowId, version));
      if (!flow) throw new FlowVersionMissingError(`call ${form.CallSid} runs ${flowId}@${version}, which this server has not loaded`);

      const driven = await driveTurn(flow, step(flow, session.snapshot, input, deps.hearing), deps.handlers, {
        now: () => deps.clock.now(),
        effectTimeoutMs: deps.timing.effectTimeoutMs,
      });
      const twiml = renderTwiml(replyForTurn(driven, n, deps.urls), deps.voices);
      if (signal.aborted) return await commitFault(deps, a, new TurnDeadlineError(`turn ${n} took longer than ${deps.timing.turnDeadlineMs} ms`));
      const now = deps.clock.now();
      const { awaiting: _previous, ...rest } = session;
      const next: Session = {
        ...rest,
        snapshot: driven.snapshot,
        ...(driven.await ? { awaiting: driven.await } : {}),
        turn: n,
        replies: withReply(session, n, twiml),
        ended: driven.end !== undefined || driven.snapshot.status === 'done',
        version: session.version + 1,
        updatedAt: now,
        expiresAt: now + deps.timing.sessionTtlMs,
      };
      const result = turnResult(driven);
      const node = driven.snapshot.context.node;
      const answer = answerFields(session.snapshot.context.node, driven.heard);
      const written = await deps.turns.commit(next, (r) => recordTurn(r, { n, at: started, input: a.input, node, ...answer, result, ms: now - started }, driven, flow.keyedVars));
      if (!written.saved) {
        // Another delivery of this turn saved first (another server): answer what it answered.
        const winner = await deps.sessions.get(form.CallSid, now);
        a.log.warn({ n }, 'lost a race for this turn; answering the stored reply');
        return winner?.replies[String(n)] ?? renderTwiml(backToTurn(winner?.turn ?? n - 1, deps.urls), deps.voices);
      }
      // The session is committed: the caller hears this turn whatever happened to its record entry.
      if ('recordError' in written) missed(deps, a, 'turn', 'the turn is answered but its call record entry could not be written', written.recordError);
      const sensitive = session.awaiting?.kind === 'digits' && session.awaiting.sensitive;
      a.log.info(
        { n, flow: flowId, flowVersion: flow.version, node, input: input.type, ...(input.type === 'digits' && !sensitive ? { keys: input.digits } : {}), ...(driven.heard ? { heard: heardLog(driven.heard, sensitive) } : {}), outcome: result, ms: now - started, ...turnLogFields(driven) },
        'turn',
      );
      deps.observer?.turn({ hotline: session.hotline, flowId, input, before: session.snapshot, driven, ms: now - started });
      return twiml;
    } catch (err) {
      if (!a.session) {
        // Without the call's state, the dialled line still tells the apology's language and hours.
        const hotline = routeCall(deps.project.hotlines, { to: form.To, from: form.From, fromCountry: reportedCountry(form) });
        if (hotline) a.hotline = hotline;
        if (err instanceof UnknownCallError && input.type === 'dialResult' && (input.status === 'completed' || input.status === 'answered')) {
          // A person took the call and talked past the call state's lifetime (SESSION_TTL_MINUTES):
          // the conversation is over, so the call ends rather than starting again at the first menu.
          a.log.warn({ n }, 'an answered dial ended for a call this store no longer knows; hanging up');
          return renderTwiml({ prompts: [], next: { kind: 'hangup' } }, deps.voices);
        }
        if (err instanceof UnknownCallError && hotline && isOpen(hotline, deps.clock.now())) {
          // The call's state is gone (a cache restarted without persistence, or it expired) while
          // the caller is still on an open line: they start again at its first menu, not a queue.
          a.log.warn({ n }, 'a turn for a call this store does not know; the caller starts again at the line\'s first menu');
          return START_AGAIN;
        }
      }
      return commitFault(deps, a, err);
    }
  };
  const answer = await withinDeadline<string | typeof START_AGAIN>(deps.timing.turnDeadlineMs, (signal) => deps.locks.run(form.CallSid, () => run(signal)), () => lateReply(deps, a));
  // Outside the call's lock: answering the call takes it again.
  return answer === START_AGAIN ? answerCall(deps, form, { startAgain: true }) : answer;
}

/**
 * A spoken turn in the log: what the words were taken for and how sure the recogniser was, never
 * the words (a caller says names, numbers, codes). At a sensitive entry not even the choice.
 */
function heardLog(heard: HeardSummary, sensitive: boolean) {
  const { choice, ...rest } = heard;
  return sensitive || choice === undefined ? rest : heard;
}

/** What a turn for an unknown call on an open line answers, to be run as a fresh call. */
const START_AGAIN = Symbol('start again');
