import type { CompiledFlow } from '../flow/compile/compile-flow';
import { step } from '../flow/runtime/runtime';
import type { Effect, EffectKind, EffectOf, EffectOutcome, EffectSucceeded } from '../flow/runtime/effect';
import type { Input } from '../flow/runtime/input';
import type { RenderedPrompt, Turn } from '../flow/runtime/turn';
import { performWith, type EffectHandlers } from './effect-handlers';

/** An effect and what it came to: test `result.ok` and `result.kind` to read the kind's value. */
export type PerformedEffect = { effect: Effect; result: EffectOutcome; ms: number };
/** A caller-facing turn: everything said since the caller's input, and what happens next. */
export type DrivenTurn = Omit<Turn, 'effects' | 'prompts'> & { prompts: RenderedPrompt[]; performed: PerformedEffect[] };

export class EffectTimeoutError extends Error {
  readonly code = 'EFFECT_TIMEOUT';
}

const MAX_EFFECTS_PER_TURN = 16;

/**
 * Performs the effects a turn asks for and feeds their results back until the call waits for the
 * caller or ends. An effect that throws or exceeds `effectTimeoutMs` comes back as a failed result,
 * which the flow handles (a person, a retry), so a slow service cannot stall the caller.
 */
export async function driveTurn(
  flow: CompiledFlow,
  first: Turn,
  handlers: EffectHandlers,
  opts: { now: () => number; effectTimeoutMs?: number },
): Promise<DrivenTurn> {
  let turn = first;
  const prompts = [...turn.prompts];
  const performed: PerformedEffect[] = [];
  while (turn.effects.length > 0) {
    if (performed.length >= MAX_EFFECTS_PER_TURN) {
      throw new Error(`call ${turn.snapshot.context.call.sid}: more than ${MAX_EFFECTS_PER_TURN} effects in one turn (a loop in ${flow.id}?)`);
    }
    const effect = turn.effects[0];
    const started = opts.now();
    const result = await perform(effect, handlers, opts.effectTimeoutMs ?? 4000);
    performed.push({ effect, result, ms: opts.now() - started });
    const input: Input = { type: 'effect', result, now: opts.now() };
    turn = step(flow, turn.snapshot, input);
    prompts.push(...turn.prompts);
  }
  const { effects: _effects, prompts: _prompts, dialled: _last, heard: _heard, ...rest } = turn;
  // Only the caller's input settles a dial or is heard, so both are on the first step; the effects after it must not drop them.
  return { ...rest, ...(first.dialled ? { dialled: first.dialled } : {}), ...(first.heard ? { heard: first.heard } : {}), prompts, performed };
}

async function perform<K extends EffectKind>(effect: EffectOf<K>, handlers: EffectHandlers, timeoutMs: number): Promise<EffectOutcome<K>> {
  let timer: NodeJS.Timeout | undefined;
  const abort = new AbortController();
  try {
    const value = await Promise.race([
      performWith(handlers, effect, abort.signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = new EffectTimeoutError(`${effect.kind} took longer than ${timeoutMs} ms`);
          // The handler is told to stop (an SMS request is cancelled), so the caller is not told
          // "failed" while the work carries on. What already left (a request Twilio received
          // before the abort) cannot be called back.
          abort.abort(err);
          reject(err);
        }, timeoutMs);
      }),
    ]);
    const kind: K = effect.kind;
    const done: EffectSucceeded<K> = { id: effect.id, kind, ok: true, value };
    return done;
  } catch (err) {
    const typed = err instanceof Error ? (err as Error & { code?: unknown; reason?: unknown }) : undefined;
    return {
      id: effect.id,
      kind: effect.kind,
      ok: false,
      error: err instanceof Error ? err.message : String(err),
      ...(typeof typed?.code === 'string' ? { code: typed.code } : {}),
      ...(typeof typed?.reason === 'string' ? { reason: typed.reason } : {}),
    };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
