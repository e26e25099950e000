import { assign, setup } from 'xstate';
import type { Condition } from '../schema/condition.schema';
import type { CompiledPrompt, CompiledRetryPrompts } from '../prompts/compiled-prompt';
import { fillPlaceholders, renderPrompt } from '../prompts/render-prompt';
import { evaluateCondition, type HoursSpec } from './evaluate-condition';
import type { StateConfig } from '../compile/state-config';
import type { CallEvent } from './events';
import type { Effect, EffectArgs, EffectCall } from './effect';
import { AccountSchema, raisePriority, transferResultOf, type Await, type CallContext, type End } from './turn';
import type { Language } from '../schema/prompt.schema';
import type { Intent } from '../../speech/lexicon.schema';
import { chooseVariant, stickyCaller, type WeightedVariant } from './choose-variant';

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
    case 'createTicket': {
      // The summary may use the call's variables ("order {orderId}"), like prompts.
      const summary = fillPlaceholders(p.args.summary, context.vars, context.lang);
      const priority = context.distressed ? raisePriority(p.args.priority) : p.args.priority;
      return { ...base, kind: p.kind, args: { ...p.args, priority, summary, vars: context.vars } };
    }
    case 'sendSms': {
      const text = renderPrompt(p.text, context.lang, { ...promptVars(context), link: '{link}' })
        .map((r) => ('text' in r ? r.text : r.audio))
        .join('');
      return { ...base, kind: p.kind, args: { ...p.args, text } };
    }
  }
}

/**
 * Each named action's and guard's params, as the compiler writes them into the machine (plain
 * data). `undefined`: it takes none. The setup below declares its functions with these types, so a
 * compiled state naming an action with the wrong params does not type-check.
 */
export type ActionParams = {
  visit: { node: string };
  say: { prompt: CompiledPrompt };
  sayRetry: { prompts: CompiledRetryPrompts };
  /** `hints`: the phrases a spoken answer is likely to hold, per language (the call's goes to the recogniser). */
  await: { spec: Await; hints?: Partial<Record<Language, string[]>> };
  /** "Did you mean…?": the candidates in `unsure`, named by `labels` in the call's language. */
  sayConfirm: { prompts: ConfirmPrompts; labels: Record<string, Partial<Record<Language, string>>> };
  storeUnsure: undefined;
  /** A global spoken intent was heard: kept in the variable `intent` for the flow to branch on. */
  noteIntent: { intent: Intent };
  end: { end: End };
  incAttempts: undefined;
  resetAttempts: undefined;
  storeDigits: { var: string };
  setVars: { vars: Record<string, string>; lang?: CallContext['lang'] };
  effect: EffectParams;
  /** Call variable ← field of the effect's value. */
  storeResult: { vars: Record<string, string> };
  storeCandidate: undefined;
  verifyCandidate: undefined;
  storeRecording: undefined;
  markReturned: { outcome: string };
  hungUp: undefined;
  /** A transfer's dial ended: the outcome for the call record, and `transferResult` for the flow's prompts. */
  dialEnded: { number: string };
  /** A `split` node: `split` is `<flow>/<node>`, `variable` the call variable that holds the variant. */
  chooseVariant: { split: string; flowId: string; node: string; variable: string; variants: WeightedVariant[] };
};
export type GuardParams = {
  digitsAre: { digits: string };
  digitsValid: { min: number; max: number; pattern?: string };
  attemptsExhausted: { max: number };
  condition: { when: Condition; hours: Record<string, HoursSpec> };
  effectOk: undefined;
  effectFailed: undefined;
  effectValue: { field: string; equals: string };
  candidateTier: { tier: string; is: boolean };
  recordingMade: undefined;
  returned: { outcome: string };
  dialAnswered: undefined;
  callerLeft: undefined;
  heardChoice: { choice: string };
  heardUnsure: undefined;
  heardNo: undefined;
  variantIs: { split: string; variant: string };
};

/**
 * The three ways of asking "did you mean…?": one option (`{option}`, its key `{key}`), two
 * (`{option}`/`{key}` and `{other}`/`{otherKey}`), or a global intent, which has no key.
 */
export type ConfirmPrompts = { one: CompiledPrompt; two: CompiledPrompt; intent: CompiledPrompt };

function confirmation(ctx: CallContext, p: ActionParams['sayConfirm']): CallContext['out'] {
  const [first = '', second] = ctx.unsure ?? [];
  const label = (choice: string) => p.labels[choice]?.[ctx.lang] ?? choice;
  if (second !== undefined) return say(ctx, p.prompts.two, { option: label(first), key: first, other: label(second), otherKey: second });
  const isKey = /^[0-9#]$/.test(first);
  return say(ctx, isKey ? p.prompts.one : p.prompts.intent, { option: label(first), key: first });
}

/**
 * A split's variant for this call: the one it already got (a flow that loops back), one a call
 * script pinned, or the caller's draw, which the caller, the flow version and the node decide.
 */
function variantOf(ctx: CallContext, p: ActionParams['chooseVariant']): string {
  const had = ctx.variants?.[p.split];
  if (had !== undefined) return had;
  const pinned = ctx.call.pinnedVariants?.[p.split] ?? ctx.call.pinnedVariants?.[p.node];
  if (pinned !== undefined && p.variants.some((v) => v.name === pinned)) return pinned;
  return chooseVariant(p.variants, { caller: stickyCaller(ctx.call), flowId: p.flowId, version: ctx.flowVersion, node: p.node });
}

/**
 * The machine's named actions and guards. All are pure: actions only `assign` to the context
 * (the turn's output included); effects are described in `out.effects` for the driver to perform.
 */
export const machineSetup = setup({
  types: {} as { context: CallContext; events: CallEvent; input: CallContext },
  actions: {
    visit: assign(({ context }, p: ActionParams['visit']) => ({
      node: p.node,
      path: context.path[context.path.length - 1] === p.node ? context.path : [...context.path, p.node].slice(-MAX_PATH),
    })),
    say: assign(({ context }, p: ActionParams['say']) => ({ out: say(context, p.prompt) })),
    sayRetry: assign(({ context }, p: ActionParams['sayRetry']) => ({
      out: say(context, p.prompts[Math.min(context.attempts, p.prompts.length - 1)]),
    })),
    await: assign(({ context }, p: ActionParams['await']) => {
      const hints = p.hints?.[context.lang];
      const spec = hints && p.spec.kind === 'digits' ? { ...p.spec, speech: { hints } } : p.spec;
      return { out: { ...context.out, await: spec } };
    }),
    sayConfirm: assign(({ context }, p: ActionParams['sayConfirm']) => ({ out: confirmation(context, p) })),
    storeUnsure: assign(({ event }) => (event.type === 'HEARD' && event.heard.kind === 'unsure' ? { unsure: event.heard.choices } : {})),
    noteIntent: assign(({ context }, p: ActionParams['noteIntent']) => ({ vars: { ...context.vars, intent: p.intent } })),
    end: assign(({ context }, p: ActionParams['end']) => {
      const end = p.end.kind === 'transfer' && context.distressed ? { ...p.end, priority: raisePriority(p.end.priority) } : p.end;
      return { out: { ...context.out, end } };
    }),
    incAttempts: assign(({ context }) => ({ attempts: context.attempts + 1 })),
    resetAttempts: assign({ attempts: 0 }),
    storeDigits: assign(({ context, event }, p: ActionParams['storeDigits']) =>
      event.type === 'DIGITS' ? { vars: { ...context.vars, [p.var]: event.digits } } : {},
    ),
    setVars: assign(({ context }, p: ActionParams['setVars']) => ({
      vars: { ...context.vars, ...p.vars },
      ...(p.lang ? { lang: p.lang } : {}),
    })),
    effect: assign(({ context, event }, p: ActionParams['effect']) => ({
      seq: context.seq + 1,
      out: { ...context.out, effects: [...context.out.effects, describeEffect(p, context, event)] },
    })),
    storeResult: assign(({ context, event }, p: ActionParams['storeResult']) => {
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
    markReturned: assign((_, p: ActionParams['markReturned']) => ({ returned: p.outcome })),
    hungUp: assign({ outcome: 'hungUp' }),
    dialEnded: assign(({ context, event }, p: ActionParams['dialEnded']) => {
      if (event.type !== 'DIAL_RESULT') return {};
      const result = transferResultOf(event.status);
      return {
        vars: { ...context.vars, transferResult: result },
        out: { ...context.out, dialled: { number: p.number, result, talkSec: result === 'answered' ? event.durationSec : 0 } },
      };
    }),
    chooseVariant: assign(({ context }, p: ActionParams['chooseVariant']) => {
      const variant = variantOf(context, p);
      return { variants: { ...context.variants, [p.split]: variant }, vars: { ...context.vars, [p.variable]: variant } };
    }),
  },
  guards: {
    digitsAre: ({ event }, p: GuardParams['digitsAre']) => event.type === 'DIGITS' && event.digits === p.digits,
    digitsValid: ({ event }, p: GuardParams['digitsValid']) =>
      event.type === 'DIGITS' &&
      /^[0-9]+$/.test(event.digits) &&
      event.digits.length >= p.min &&
      event.digits.length <= p.max &&
      (p.pattern === undefined || new RegExp(p.pattern).test(event.digits)),
    attemptsExhausted: ({ context }, p: GuardParams['attemptsExhausted']) => context.attempts + 1 >= p.max,
    condition: ({ context }, p: GuardParams['condition']) =>
      evaluateCondition(p.when, context, p.hours),
    effectOk: ({ event }) => event.type === 'EFFECT' && event.result.ok,
    effectFailed: ({ event }) => event.type === 'EFFECT' && !event.result.ok,
    effectValue: ({ event }, p: GuardParams['effectValue']) => String(effectValue(event)?.[p.field]) === p.equals,
    candidateTier: ({ context }, p: GuardParams['candidateTier']) => (context.candidate?.tier === p.tier) === p.is,
    recordingMade: ({ event }) => event.type === 'RECORDING' && event.url !== '' && event.durationSec > 0,
    returned: ({ context }, p: GuardParams['returned']) => context.returned === p.outcome,
    dialAnswered: ({ event }) => event.type === 'DIAL_RESULT' && transferResultOf(event.status) === 'answered',
    callerLeft: ({ event }) => event.type === 'DIAL_RESULT' && event.callerLeft,
    heardChoice: ({ event }, p: GuardParams['heardChoice']) => event.type === 'HEARD' && event.heard.kind === 'choice' && event.heard.choice === p.choice,
    heardUnsure: ({ event }) => event.type === 'HEARD' && event.heard.kind === 'unsure',
    heardNo: ({ event }) => event.type === 'HEARD' && event.heard.kind === 'no',
    variantIs: ({ context }, p: GuardParams['variantIs']) => context.variants?.[p.split] === p.variant,
  },
});

/** A flow compiled to states, as the compiler hands it over: plain data plus the context's start. */
export type CallMachineConfig = {
  id: string;
  initial: string;
  context: ({ input }: { input: CallContext }) => CallContext;
  states: Record<string, StateConfig>;
  on: StateConfig['on'];
};
export function createCallMachine(config: CallMachineConfig) {
  return machineSetup.createMachine(config);
}
/** A compiled flow's machine, typed by its context, events, actions and guards. */
export type CallMachine = ReturnType<typeof createCallMachine>;

const { implementations } = machineSetup.createMachine({ context: ({ input }) => input });
/** The names a compiled flow may reference; the loader refuses any other. */
export const ACTION_NAMES: ReadonlySet<string> = new Set(Object.keys(implementations.actions));
export const GUARD_NAMES: ReadonlySet<string> = new Set(Object.keys(implementations.guards));
