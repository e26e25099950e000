import type { Await } from '../runtime/turn';
import type { CompiledPrompt, CompiledRetryPrompts } from '../prompts/compiled-prompt';
import { EVENTS, type ActionRef, type StateConfig, type TransitionConfig } from './state-config';
import type { SpokenSpec } from './spoken';
import { INTENTS } from '../../speech/lexicon.schema';

/**
 * A state that speaks, waits for keys (and words, when it listens) and re-prompts on silence or a
 * wrong entry, shared by menus, gathers and the identity check's own questions. After
 * `maxAttempts` failures the caller goes to `onExhausted` (a person, in the shipped flows), never
 * nowhere.
 */
export type DigitStateSpec = {
  id: string;
  visit?: string;
  prompt: CompiledPrompt;
  await: Extract<Await, { kind: 'digits' }>;
  /** Valid entries, checked in order. Each must reset the attempt counter on its way out. */
  choices: TransitionConfig[];
  noInput: CompiledRetryPrompts;
  invalid: CompiledRetryPrompts;
  maxAttempts: number;
  onExhausted: string;
  human?: { key: string; target: string };
  repeatKey?: string;
  /** What the state understands when the caller speaks; absent: keys only. */
  spoken?: SpokenSpec;
};

export const resetAttempts: ActionRef = { type: 'resetAttempts' };

/**
 * Keys only, or speech without a confirmation (number entries): one state. A spoken menu is two:
 * `ask` (the menu) and `confirm` ("did you mean…?"), with the keys answered alike in both.
 */
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
  const visit: ActionRef[] = spec.visit ? [{ type: 'visit', params: { node: spec.visit } }] : [];
  const ask: ActionRef[] = [
    { type: 'say', params: { prompt: spec.prompt } },
    { type: 'await', params: { spec: spec.await, ...(spec.spoken ? { hints: spec.spoken.hints } : {}) } },
  ];
  const on = {
    [EVENTS.digits]: [...spec.choices, ...keyed, exhausted(spec.invalid), retry(spec.invalid)],
    [EVENTS.noInput]: [exhausted(spec.noInput), retry(spec.noInput)],
  };
  // Words nobody can act on count as a wrong entry: the same retry wording, the same way to a person.
  const noMatch = [exhausted(spec.invalid), retry(spec.invalid)];
  const spoken = spec.spoken;
  const intents: TransitionConfig[] = INTENTS.flatMap((intent) => {
    const target = spoken?.intents[intent];
    if (target === undefined) return [];
    return [{ guard: { type: 'heardChoice', params: { choice: intent } }, target, actions: [{ type: 'noteIntent', params: { intent } }, resetAttempts] }];
  });
  if (!spoken?.confirm) {
    return {
      id: spec.id,
      entry: [...visit, ...ask],
      ...(spoken ? { meta: spoken.meta } : {}),
      on: { ...on, [EVENTS.heard]: [...intents, ...noMatch] },
    };
  }
  const askId = `${spec.id}:ask`;
  const confirmId = `${spec.id}:confirm`;
  const { finishOnKey: _entryOnly, ...keyAwait } = spec.await;
  const confirmAwait: Extract<Await, { kind: 'digits' }> = { ...keyAwait, minDigits: 1, maxDigits: 1 };
  return {
    id: spec.id,
    initial: 'ask',
    entry: visit,
    on,
    states: {
      ask: {
        id: askId,
        entry: ask,
        meta: spoken.meta,
        on: {
          [EVENTS.heard]: [
            ...intents,
            { guard: { type: 'heardUnsure' }, target: `#${confirmId}`, actions: [{ type: 'storeUnsure' }] },
            ...noMatch,
          ],
        },
      },
      confirm: {
        id: confirmId,
        entry: [
          { type: 'sayConfirm', params: spoken.confirm },
          { type: 'await', params: { spec: confirmAwait, hints: spoken.hints } },
        ],
        meta: { ...spoken.meta, confirming: true },
        on: {
          // "No": the whole menu again, not counted as a failure. Unsure twice: a failure, like a wrong key.
          [EVENTS.heard]: [...intents, { guard: { type: 'heardNo' }, target: self, reenter: true }, ...noMatch],
        },
      },
    },
  };
}
