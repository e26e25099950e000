import { assign, setup } from 'xstate';
import type { Condition } from '../schema/condition.schema';
import type { CompiledPrompt, CompiledRetryPrompts } from '../prompts/compiled-prompt';
import { fillPlaceholders, renderPrompt } from '../prompts/render-prompt';
import { evaluateCondition, type HoursSpec } from './evaluate-condition';
import type { CallEvent } from './events';
import type { Effect, EffectArgs, EffectCall } from './effect';
import { AccountSchema, type Await, type CallContext, type End } from './turn';

const MAX_PATH = 40;

/** Variables a prompt may use besides the flow's own: the tail of the phone a code goes to. */
function promptVars(ctx: CallContext): Record<string, string> {
  const phone = (ctx.candidate ?? ctx.account)?.maskedPhone;
  return phone ? { ...ctx.vars, phoneTail: phone.slice(-4) } : ctx.vars;
}

function say(ctx: CallContext, prompt: CompiledPrompt, extra?: Record<string, string>): CallContext['out'] {
  const vars = extra ? { ...promptVars(ctx), ...extra } : promptVars(ctx);
  return { ...ctx.out, prompts: [...ctx.out.prompts, ...renderPrompt(prompt, ctx.lang, vars)] };
}

function effectValue(event: CallEvent): Record<string, unknown> | undefined {
  return event.type === 'EFFECT' && event.result.ok ? event.result.value : undefined;
}

/**
 * How a node asks for an effect. Plain data in the compiled machine: the flow's version hash covers
 * it, so its shape stays as the nodes have always written it. `digitsAs`, `withVars` and `candidate`
 * mark where the rest of the arguments come from: the keyed digits, the call's variables, the
 * account being verified.
 */
export type EffectParams =
  | { kind: 'lookupAccount'; args: { by: 'callerId' } }
  | { kind: 'lookupAccount'; args: { by: 'phone' }; digitsAs: 'phone' }
  | { kind: 'lookupAccount'; args: { by: 'enterpriseId' }; digitsAs: 'enterpriseId' }
  | { kind: 'sendOtp'; args: Record<string, never>; candidate: true }
  | { kind: 'verifyOtp'; args: Record<string, never>; digitsAs: 'code'; candidate: true }
  | { kind: 'createTicket'; args: Omit<EffectArgs<'createTicket'>, 'vars'>; withVars: true }
  /** `text` is rendered in the call's language ({link} is left for the SMS sender). */
  | { kind: 'sendSms'; args: Omit<EffectArgs<'sendSms'>, 'text'>; text: CompiledPrompt };

/** The effect a node's params describe, filled from the call: what the runtime hands the driver. */
function describeEffect(p: EffectParams, context: CallContext, event: CallEvent): Effect {
  const id = `${context.turn}.${context.seq}`;
  const call: EffectCall = {
    sid: context.call.sid,
    from: context.call.from,
    hotline: context.call.hotline,
    lang: context.lang,
    ...(context.account ? { accountId: context.account.id } : {}),
    path: context.path,
  };
  const base = { id, key: `${context.call.sid}/${id}`, call };
  // The flows take these steps only on a keypress; anything else reads as nothing keyed.
  const keyed = event.type === 'DIGITS' ? event.digits : '';
  switch (p.kind) {
    case 'lookupAccount': {
      const { by } = p.args;
      const args: EffectArgs<'lookupAccount'> = by === 'callerId' ? { by } : by === 'phone' ? { by, phone: keyed } : { by, enterpriseId: keyed };
      return { ...base, kind: p.kind, args };
    }
    case 'sendOtp':
      return { ...base, kind: p.kind, args: { accountId: context.candidate?.id } };
    case 'verifyOtp':
      return { ...base, kind: p.kind, args: { code: keyed, accountId: context.candidate?.id } };
    case 'createTicket':
      // The summary may use the call's variables ("order {orderId}"), like prompts.
      return { ...base, kind: p.kind, args: { ...p.args, summary: fillPlaceholders(p.args.summary, context.vars, context.lang), vars: context.vars } };
    case 'sendSms': {
      const text = renderPrompt(p.text, context.lang, { ...promptVars(context), link: '{link}' })
        .map((r) => ('text' in r ? r.text : r.audio))
        .join('');
      return { ...base, kind: p.kind, args: { ...p.args, text } };
    }
  }
}

/**
 * The machine's named actions and guards. All are pure: actions only `assign` to the context
 * (the turn's output included); effects are described in `out.effects` for the driver to perform.
 */
export const machineSetup = setup({
  types: {} as { context: CallContext; events: CallEvent; input: CallContext },
  actions: {
    visit: assign(({ context }, p: { node: string }) => ({
      node: p.node,
      path: context.path[context.path.length - 1] === p.node ? context.path : [...context.path, p.node].slice(-MAX_PATH),
    })),
    say: assign(({ context }, p: { prompt: CompiledPrompt }) => ({ out: say(context, p.prompt) })),
    sayRetry: assign(({ context }, p: { prompts: CompiledRetryPrompts }) => ({
      out: say(context, p.prompts[Math.min(context.attempts, p.prompts.length - 1)]),
    })),
    await: assign(({ context }, p: { spec: Await }) => ({ out: { ...context.out, await: p.spec } })),
    end: assign(({ context }, p: { end: End }) => ({ out: { ...context.out, end: p.end } })),
    incAttempts: assign(({ context }) => ({ attempts: context.attempts + 1 })),
    resetAttempts: assign({ attempts: 0 }),
    storeDigits: assign(({ context, event }, p: { var: string }) =>
      event.type === 'DIGITS' ? { vars: { ...context.vars, [p.var]: event.digits } } : {},
    ),
    setVars: assign(({ context }, p: { vars: Record<string, string>; lang?: CallContext['lang'] }) => ({
      vars: { ...context.vars, ...p.vars },
      ...(p.lang ? { lang: p.lang } : {}),
    })),
    effect: assign(({ context, event }, p: EffectParams) => ({
      seq: context.seq + 1,
      out: { ...context.out, effects: [...context.out.effects, describeEffect(p, context, event)] },
    })),
    storeResult: assign(({ context, event }, p: { vars: Record<string, string> }) => {
      const value = effectValue(event);
      if (!value) return {};
      const vars = { ...context.vars };
      for (const [name, field] of Object.entries(p.vars)) if (value[field] !== undefined) vars[name] = String(value[field]);
      return { vars };
    }),
    storeCandidate: assign(({ event }) => {
      const found = AccountSchema.safeParse(effectValue(event)?.account);
      return found.success ? { candidate: found.data } : {};
    }),
    verifyCandidate: assign(({ context }) => ({ account: context.candidate, candidate: undefined })),
    storeRecording: assign(({ context, event }) =>
      event.type === 'RECORDING' ? { vars: { ...context.vars, recordingUrl: event.url } } : {},
    ),
    markReturned: assign((_, p: { outcome: string }) => ({ returned: p.outcome })),
    hungUp: assign({ outcome: 'hungUp' }),
  },
  guards: {
    digitsAre: ({ event }, p: { digits: string }) => event.type === 'DIGITS' && event.digits === p.digits,
    digitsValid: ({ event }, p: { min: number; max: number; pattern?: string }) =>
      event.type === 'DIGITS' &&
      /^[0-9]+$/.test(event.digits) &&
      event.digits.length >= p.min &&
      event.digits.length <= p.max &&
      (p.pattern === undefined || new RegExp(p.pattern).test(event.digits)),
    attemptsExhausted: ({ context }, p: { max: number }) => context.attempts + 1 >= p.max,
    condition: ({ context }, p: { when: Condition; hours: Record<string, HoursSpec> }) =>
      evaluateCondition(p.when, context, p.hours),
    effectOk: ({ event }) => event.type === 'EFFECT' && event.result.ok,
    effectFailed: ({ event }) => event.type === 'EFFECT' && !event.result.ok,
    effectValue: ({ event }, p: { field: string; equals: string }) => String(effectValue(event)?.[p.field]) === p.equals,
    candidateTier: ({ context }, p: { tier: string; is: boolean }) => (context.candidate?.tier === p.tier) === p.is,
    recordingMade: ({ event }) => event.type === 'RECORDING' && event.url !== '' && event.durationSec > 0,
    returned: ({ context }, p: { outcome: string }) => context.returned === p.outcome,
  },
});

const { implementations } = machineSetup.createMachine({ context: ({ input }) => input });
/** The names a compiled flow may reference; the loader refuses any other. */
export const ACTION_NAMES: ReadonlySet<string> = new Set(Object.keys(implementations.actions));
export const GUARD_NAMES: ReadonlySet<string> = new Set(Object.keys(implementations.guards));
