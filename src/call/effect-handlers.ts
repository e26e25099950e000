import type { EffectKind, EffectOf, EffectValue } from '../flow/runtime/effect';

/**
 * Who performs a flow's side effects. The runtime only describes them; a driver hands each to its
 * handler and feeds the returned value back to the call. Implementations: in-memory fakes for
 * simulated calls, the real services (SQLite/PostgreSQL stores, Twilio SMS) behind the webhook.
 *
 * `signal` aborts when the driver stops waiting (the effect timed out): a handler passes it on to
 * its I/O so the work is cancelled, not left running after the flow heard "failed".
 */
export type EffectHandler<K extends EffectKind> = (effect: EffectOf<K>, signal?: AbortSignal) => Promise<EffectValue<K>>;
export type EffectHandlers = { [K in EffectKind]: EffectHandler<K> };

/** Hands an effect to the handler of its kind; the answer has that kind's value type. */
export function performWith<K extends EffectKind>(handlers: EffectHandlers, effect: EffectOf<K>, signal?: AbortSignal): Promise<EffectValue<K>> {
  const handler: EffectHandler<K> = handlers[effect.kind];
  return handler(effect, signal);
}
