import type { Effect, EffectKind } from '../flow/runtime/turn';

/**
 * Who performs a flow's side effects. The runtime only describes them; a driver hands each to its
 * handler and feeds the returned value back to the call. Implementations: in-memory fakes for
 * simulated calls, the real services (SQLite/PostgreSQL stores, Twilio SMS) behind the webhook.
 */
export type EffectHandler = (effect: Effect) => Promise<Record<string, unknown>>;
export type EffectHandlers = Record<EffectKind, EffectHandler>;
