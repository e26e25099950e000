import type { Language } from '../schema/prompt.schema';
import type { Listen } from '../../speech/hearing';

/**
 * A waiting state's meta: what it listens for in each language, and whether it has just asked
 * "did you mean…?" (then yes and no are understood first). Plain data in the compiled machine.
 */
export type ListeningMeta = {
  listen: Partial<Record<Language, Listen>>;
  confirming?: true;
};

/** The listening meta of the deepest active state that has one (xstate's getMeta: state id → meta). */
export function activeListening(metas: Record<string, unknown>): ListeningMeta | undefined {
  let found: ListeningMeta | undefined;
  for (const meta of Object.values(metas)) {
    if (isListening(meta)) found = meta;
  }
  return found;
}

function isListening(meta: unknown): meta is ListeningMeta {
  return typeof meta === 'object' && meta !== null && 'listen' in meta;
}
