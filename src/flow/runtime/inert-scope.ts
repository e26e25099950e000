import { createActor, type AnyActorScope, type AnyStateMachine } from 'xstate';

const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

/**
 * The actor scope a pure transition runs in, made once per compiled machine. xstate's own
 * `transition()`/`initialTransition()` build a fresh one on every call, and building one creates
 * an actor that computes the machine's whole initial state (every greeting's prompts and branch
 * conditions) only to throw it away: a menu turn took about three times as long through them
 * (src/bench/transition-scope.ts). Our machines only `assign` (effects are described in the
 * context, never executed by xstate), spawn nothing and defer nothing, so one shared, inert scope
 * serves every call; transitions are synchronous, so calls never use it at the same time.
 *
 * This is the scope xstate's `createInertActorScope` builds, which xstate does not export: xstate
 * is pinned to an exact version for it, the object below is checked against `AnyActorScope` by the
 * compiler, and test/flow/inert-scope.test.ts fails if a new xstate steps a call differently.
 */
export function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      // Our actions are assign only; anything else would be a bug in the compiler, not something to run.
      actionExecutor: () => {},
    };
    scopes.set(machine, scope);
  }
  return scope;
}
