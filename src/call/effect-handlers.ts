import type { Effect, EffectKind } from '../flow/runtime/turn';

/**
 * Who performs a flow's side effects. The runtime only describes them; a driver hands each to its
 * handler and feeds the returned value back to the call. Implementations: in-memory fakes for
 * simulated calls, the real services (SQLite/PostgreSQL stores, Twilio SMS) behind the webhook.
 */
/**
 * `signal` aborts when the driver stops waiting (the effect timed out): a handler passes it on to
 * its I/O so the work is cancelled, not left running after the flow heard "failed".
 */
export type EffectHandler = (effect: Effect, signal?: AbortSignal) => Promise<Record<string, unknown>>;
export type EffectHandlers = Record<EffectKind, EffectHandler>;
