import type { Await } from '../runtime/turn';
import type { CompiledPrompt, CompiledRetryPrompts } from '../prompts/compiled-prompt';
import { EVENTS, type ActionRef, type StateConfig, type TransitionConfig } from './state-config';

/**
 * A state that speaks, waits for keys and re-prompts on silence or a wrong entry, shared by
 * menus, gathers and the identity check's own questions. After `maxAttempts` failures the caller
 * goes to `onExhausted` (a person, in the shipped flows), never nowhere.
 */
export type DigitStateSpec = {
  id: string;
  visit?: string;
  prompt: CompiledPrompt;
  await: Await;
  /** Valid entries, checked in order. Each must reset the attempt counter on its way out. */
  choices: TransitionConfig[];
  noInput: CompiledRetryPrompts;
  invalid: CompiledRetryPrompts;
  maxAttempts: number;
  onExhausted: string;
  human?: { key: string; target: string };
  repeatKey?: string;
};

export const resetAttempts: ActionRef = { type: 'resetAttempts' };

export function digitState(spec: DigitStateSpec): StateConfig {
  const self = `#${spec.id}`;
  const exhausted = (prompts: CompiledRetryPrompts): TransitionConfig => ({
    guard: { type: 'attemptsExhausted', params: { max: spec.maxAttempts } },
    target: spec.onExhausted,
    actions: [{ type: 'sayRetry', params: { prompts } }, resetAttempts],
  });
  const retry = (prompts: CompiledRetryPrompts): TransitionConfig => ({
    target: self,
    reenter: true,
    actions: [{ type: 'sayRetry', params: { prompts } }, { type: 'incAttempts' }],
  });
  const keyed: TransitionConfig[] = [];
  if (spec.repeatKey) {
    keyed.push({ guard: { type: 'digitsAre', params: { digits: spec.repeatKey } }, target: self, reenter: true });
  }
  if (spec.human) {
    keyed.push({
      guard: { type: 'digitsAre', params: { digits: spec.human.key } },
      target: spec.human.target,
      actions: [resetAttempts],
    });
  }
  const entry: ActionRef[] = [];
  if (spec.visit) entry.push({ type: 'visit', params: { node: spec.visit } });
  entry.push({ type: 'say', params: { prompt: spec.prompt } }, { type: 'await', params: { spec: spec.await } });
  return {
    id: spec.id,
    entry,
    on: {
      [EVENTS.digits]: [...spec.choices, ...keyed, exhausted(spec.invalid), retry(spec.invalid)],
      [EVENTS.noInput]: [exhausted(spec.noInput), retry(spec.noInput)],
    },
  };
}
