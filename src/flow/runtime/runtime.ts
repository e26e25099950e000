import type { SnapshotFrom } from 'xstate';
import type { CompiledFlow } from '../compile/compile-flow';
import type { Language } from '../schema/prompt.schema';
import { toEvent, type CallEvent } from './events';
import { inertScope } from './inert-scope';
import { DEFAULT_MIN_CONFIDENCE, hearSpeech, type Hearing } from './hear-speech';
import { activeListening } from './listening';
import type { Input } from './input';
import type { CallMachine } from './machine-setup';
import type { CallContext, CallInfo, CallSnapshot, Turn, TurnOutput } from './turn';

/** The call did something the flow cannot answer: a bug in the flow or the driver, never the caller's fault. */
export class CallStuckError extends Error {
  readonly code = 'CALL_STUCK';
}

/** Inputs that open a new webhook turn (a dial's outcome too: its action URL is the next turn). */
const CALLER_INPUTS = new Set<Input['type']>(['digits', 'noInput', 'speech', 'recording', 'dialResult']);
const emptyOut = (): TurnOutput => ({ prompts: [], effects: [] });

/**
 * Starts a call on a flow. Pure: the same call, language and time give the same turn.
 */
export function startCall(flow: CompiledFlow, call: CallInfo, lang: Language, now: number): Turn {
  const context: CallContext = {
    call,
    lang,
    vars: {},
    attempts: 0,
    turn: 0,
    seq: 0,
    node: '',
    path: [],
    out: emptyOut(),
    now,
    flowVersion: flow.version,
  };
  const snapshot = flow.machine.getInitialSnapshot(inertScope(flow.machine), context);
  return toTurn(flow, snapshot);
}

/** How the driver wants speech judged: a match below `minConfidence` is confirmed, not acted on. */
export type HearingOptions = { minConfidence: number };

/**
 * Applies one input to a persisted call and returns the next turn. Pure: it restores the snapshot,
 * never reads a clock or performs an effect, and returns a new snapshot for the driver to store.
 */
export function step(flow: CompiledFlow, snapshot: CallSnapshot, input: Input, hearing: HearingOptions = { minConfidence: DEFAULT_MIN_CONFIDENCE }): Turn {
  if (snapshot.flowId !== flow.id || snapshot.version !== flow.version) {
    throw new Error(`snapshot of ${snapshot.flowId}@${snapshot.version} given to ${flow.id}@${flow.version}`);
  }
  if (snapshot.status === 'done') return { snapshot, prompts: [], effects: [], end: { kind: 'hangup' } };
  const callerSpoke = CALLER_INPUTS.has(input.type);
  const context: CallContext = {
    ...snapshot.context,
    turn: callerSpoke ? snapshot.context.turn + 1 : snapshot.context.turn,
    seq: callerSpoke ? 0 : snapshot.context.seq,
    out: emptyOut(),
    now: input.now,
    flowVersion: flow.version,
  };
  let restored = flow.machine.resolveState({ status: 'active', value: snapshot.value, context });
  let heard: Hearing | undefined;
  let event: CallEvent;
  if (input.type === 'speech') {
    heard = hearSpeech(input, activeListening(restored.getMeta()), context.lang, flow.lexicons, context.unsure, hearing.minConfidence);
    event = heard.event;
    // Distress is remembered for the rest of the call: the next transfer or ticket goes up a step.
    if (heard.summary.distressed && !context.distressed) {
      restored = flow.machine.resolveState({ status: 'active', value: snapshot.value, context: { ...context, distressed: true } });
    }
  } else {
    event = toEvent(input);
  }
  const next = flow.machine.transition(restored, event, inertScope(flow.machine));
  const turn: Turn = heard ? { ...toTurn(flow, next), heard: heard.summary } : toTurn(flow, next);
  // A call that ended by itself (the caller left while a dial rang) is not stuck.
  if (input.type !== 'hangup' && turn.snapshot.status !== 'done' && !turn.await && !turn.end && turn.effects.length === 0) {
    throw new CallStuckError(
      `call ${snapshot.context.call.sid}: input "${input.type}" at node "${snapshot.context.node}" of ${flow.id}@${flow.version} led nowhere`,
    );
  }
  return turn;
}

function toTurn(flow: CompiledFlow, s: SnapshotFrom<CallMachine>): Turn {
  const { out, now: _now, flowVersion: _version, ...persisted } = s.context;
  const snapshot: CallSnapshot = {
    flowId: flow.id,
    version: flow.version,
    status: s.status === 'done' ? 'done' : 'active',
    value: s.value,
    context: persisted,
  };
  return {
    snapshot,
    prompts: out.prompts,
    effects: out.effects,
    ...(out.await ? { await: out.await } : {}),
    ...(out.end ? { end: out.end } : {}),
    ...(out.dialled ? { dialled: out.dialled } : {}),
  };
}
