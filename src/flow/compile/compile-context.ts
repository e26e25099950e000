import type { Language, Prompt, RetryPrompts } from '../schema/prompt.schema';
import type { CompiledPrompt, CompiledRetryPrompts } from '../prompts/compiled-prompt';
import type { HoursSpec } from '../runtime/evaluate-condition';
import type { StateConfig } from './state-config';
import type { InputMode } from '../schema/input-mode.schema';
import type { SpokenOption, SpokenSpec } from './spoken';

/** What a node's compile step may ask of the compiler. */
export interface CompileContext {
  flowId: string;
  /** The state id of a node of this flow (subflows are inlined under a prefix). */
  stateId(nodeId: string): string;
  /** A transition target for a node of this flow. */
  target(nodeId: string): string;
  /** The state every ended call rests in. */
  readonly endTarget: string;
  /** The state a call rests in once the caller hung up. */
  readonly hungUpTarget: string;
  prompt(prompt: Prompt, path: PropertyKey[]): CompiledPrompt;
  /** Retry prompts, or the catalogue's defaults under `defaultKey` (`defaultKey.1`, `.2`… or `defaultKey`). */
  retryPrompts(prompts: RetryPrompts | undefined, defaultKey: string, path: PropertyKey[]): CompiledRetryPrompts;
  /** Flow-wide rules: the key that reaches a person from any menu, and the repeat key. */
  globals: { human?: { key: string; target: string }; repeatKey: string };
  /** Inline another flow's nodes as the children of a state. */
  inlineFlow(flowId: string, nodeId: string, path: PropertyKey[]): { initial: string; states: Record<string, StateConfig>; outcomes: string[] };
  hotlineHours(hotlineId: string, path: PropertyKey[]): HoursSpec | undefined;
  languages: readonly Language[];
  /** What a menu (its options) or a number entry (`'digits'`) understands when spoken to; undefined: keys only. */
  spoken(nodeInput: InputMode | undefined, options: SpokenOption[] | 'digits'): SpokenSpec | undefined;
  report(path: PropertyKey[], message: string): void;
}
