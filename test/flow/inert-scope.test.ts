import { initialTransition, transition, type AnyActorScope, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import xstatePackage from 'xstate/package.json';
import ourPackage from '../../package.json';
import { loadProject } from '../../src/flow/load/load-project';
import type { EffectKind } from '../../src/flow/runtime/effect';
import type { CallEvent } from '../../src/flow/runtime/events';
import { inertScope } from '../../src/flow/runtime/inert-scope';
import type { CallMachine } from '../../src/flow/runtime/machine-setup';
import type { CallContext } from '../../src/flow/runtime/turn';

/**
 * The runtime steps calls through a scope of its own (src/flow/runtime/inert-scope.ts) instead of
 * xstate's public transition(), which costs about three times as much per turn. That scope copies
 * one xstate builds internally; these tests fail when a new xstate makes the copy wrong.
 */
const flow = loadProject('flows').project!.flows.get('general')!;
const at = Date.parse('2026-11-23T10:00:00+08:00');
const start: CallContext = {
  call: { sid: 'CAscope', from: '+8613800138000', to: '+864000066888', country: 'CN', hotline: 'general', timezone: 'Asia/Shanghai' },
  lang: 'zh-CN',
  vars: {},
  attempts: 0,
  turn: 0,
  seq: 0,
  node: '',
  path: [],
  out: { prompts: [], effects: [] },
  now: at,
  flowVersion: flow.version,
};
const account = { id: 'U10001', tier: 'standard', status: 'active', maskedPhone: '138****8000' };
const effect = (kind: EffectKind, value: Record<string, unknown>): CallEvent => ({ type: 'EFFECT', result: { id: 'x', kind, ok: true, value } });

/** A caller who repeats the menu, keys a wrong key, stays silent, verifies by code, asks for a reset link and hangs up. */
const script: CallEvent[] = [
  { type: 'DIGITS', digits: '*' },
  { type: 'DIGITS', digits: '7' },
  { type: 'NO_INPUT' },
  { type: 'DIGITS', digits: '1' },
  effect('lookupAccount', { found: true, account }),
  { type: 'DIGITS', digits: '1' },
  effect('sendOtp', { status: 'sent' }),
  { type: 'DIGITS', digits: '123456' },
  effect('verifyOtp', { status: 'ok' }),
  { type: 'DIGITS', digits: '1' },
  effect('sendSms', { sid: 'SM1' }),
  { type: 'HANGUP' },
];

const comparable = (s: SnapshotFrom<CallMachine>) => ({ status: s.status, value: s.value, context: s.context });

describe("the runtime's shared inert scope", () => {
  it('runs on the exact xstate version it was checked against', () => {
    // The scope relies on xstate internals: a new version must pass the tests below before the pin moves.
    expect(ourPackage.dependencies.xstate).toBe(xstatePackage.version);
  });

  it('starts a call in the same state as xstate’s public initialTransition()', () => {
    const [expected, actions] = initialTransition(flow.machine, start);
    expect(comparable(flow.machine.getInitialSnapshot(inertScope(flow.machine), start))).toEqual(comparable(expected));
    // Nothing for an executor to run: every action is an assign xstate applies itself.
    expect(actions).toEqual([]);
  });

  it('steps a whole call through the same states and contexts as xstate’s public transition()', () => {
    let snapshot = flow.machine.getInitialSnapshot(inertScope(flow.machine), start);
    const visited: string[] = [];
    for (const event of script) {
      const restored = flow.machine.resolveState({ value: snapshot.value, context: { ...snapshot.context, out: { prompts: [], effects: [] } } });
      const [expected, actions] = transition(flow.machine, restored, event);
      const ours = flow.machine.transition(restored, event, inertScope(flow.machine));
      expect(comparable(ours)).toEqual(comparable(expected));
      expect(actions).toEqual([]);
      visited.push(ours.context.node);
      snapshot = ours;
    }
    // The script went where it meant to: through the identity check and the account menu to the reset SMS and its follow-up.
    expect(visited).toEqual([
      ...['main_menu', 'main_menu', 'main_menu'],
      ...['verify', 'verify', 'verify', 'verify', 'verify'],
      ...['menu', 'reset_sms', 'followup', 'followup'],
    ]);
    expect(snapshot.status).toBe('done');
  });

  it('has every member of the scope xstate builds for its own transition()', () => {
    let theirs: AnyActorScope | undefined;
    const spy: AnyStateMachine = Object.create(flow.machine, {
      transition: {
        value: (s: SnapshotFrom<CallMachine>, e: CallEvent, scope: AnyActorScope) => {
          theirs = scope;
          return flow.machine.transition(s, e, scope);
        },
      },
    });
    transition(spy, flow.machine.getInitialSnapshot(inertScope(flow.machine), start), { type: 'NO_INPUT' });
    expect(Object.keys(inertScope(flow.machine)).sort()).toEqual(Object.keys(theirs ?? {}).sort());
  });
});
