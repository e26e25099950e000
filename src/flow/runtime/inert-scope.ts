import { createActor, type AnyActorScope, type AnyStateMachine } from 'xstate';

const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

/**
 * The actor scope a pure transition runs in, made once per compiled machine. xstate's own
 * `transition()`/`initialTransition()` build a fresh one on every call, and building one creates
 * an actor that computes the machine's whole initial state (every greeting's prompts and branch
 * conditions) only to throw it away: about a third of a webhook turn. Our machines only `assign`
 * (effects are described in the context, never executed by xstate), spawn nothing and defer
 * nothing, so one shared, inert scope serves every call; transitions are synchronous, so calls
 * never use it at the same time.
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
    } as unknown as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}
