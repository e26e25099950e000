import { z } from 'zod';
import { InputModeSchema } from '../schema/input-mode.schema';
import { defineNode } from './node-kind';
import { base, TargetSchema } from './common';
import { digitState, resetAttempts } from '../compile/digit-state';
import { EVENTS, type ActionRef, type GuardRef, type StateConfig, type TransitionConfig } from '../compile/state-config';
import type { CompileContext } from '../compile/compile-context';

export const IdentityNodeSchema = z
  .object({
    type: z.literal('identity'),
    ...base,
    require: z
      .object({ tier: z.enum(['standard', 'enterprise']).optional() })
      .strict()
      .optional()
      .describe('Only accounts of this tier may pass; others take `notEligible`.'),
    enterpriseId: z
      .boolean()
      .default(false)
      .describe('Also let the caller identify the account by its enterprise (blue-V) id; the code still goes to its registered phone.'),
    timeout: z.number().int().min(1).max(60).default(8),
    input: InputModeSchema.optional().describe("Whether the phone number and the code may be said as well as keyed (default: the flow's `input`)."),
    maxAttempts: z.number().int().min(1).max(5).default(3),
    on: z
      .object({
        verified: TargetSchema,
        failed: TargetSchema.optional().describe("Default: the flow's person node."),
        locked: TargetSchema.optional().describe("Default: the flow's person node."),
        notEligible: TargetSchema.optional().describe('Where an account of the wrong tier goes (required with `require`).'),
      })
      .strict(),
  })
  .strict()
  .refine((n) => !n.require || n.on.notEligible, {
    message: 'with `require`, say where other callers go in `on.notEligible`',
    path: ['on'],
  });
type IdentityNode = z.infer<typeof IdentityNodeSchema>;

/**
 * Proves who the caller is with a one-time code sent by SMS to the account's registered phone.
 * Caller ID only suggests which account to check (it can be spoofed); the code decides. Code
 * checking, expiry and lockout live behind the `verifyOtp` effect, so the rules hold across calls.
 */
export const identityNode = defineNode({
  type: 'identity',
  schema: IdentityNodeSchema,
  summary: 'Verify the caller with an SMS code to the registered phone; outcomes verified, failed, locked, notEligible.',
  exits: (n: IdentityNode) =>
    (['verified', 'failed', 'locked', 'notEligible'] as const).flatMap((outcome) => {
      const target = n.on[outcome];
      return target ? [{ label: outcome, target, path: ['on', outcome] }] : [];
    }),
  compile: (id, n, ctx) => compileIdentity(id, n, ctx),
});

function compileIdentity(id: string, n: IdentityNode, ctx: CompileContext): StateConfig {
  const sid = (step: string) => `${ctx.stateId(id)}/${step}`;
  const to = (step: string) => `#${sid(step)}`;
  const person = ctx.globals.human?.target;
  const outcome = (name: 'failed' | 'locked' | 'notEligible'): string => {
    const t = n.on[name];
    if (t) return ctx.target(t);
    if (person) return person;
    ctx.report(['on'], `the identity check has nowhere to go when ${name}: set \`on.${name}\` or the flow's \`globals.human\``);
    return ctx.endTarget;
  };
  const say = (key: string): ActionRef => ({ type: 'say', params: { prompt: ctx.prompt(key, []) } });
  const retries = (key: string) => ctx.retryPrompts(undefined, key, []);
  // The offer falls back to keying a number in, not to a person: skip the last ("transferring you") wording.
  const softRetries = (key: string) => {
    const all = retries(key);
    return all.length > 1 ? all.slice(0, -1) : all;
  };
  const effectIs = (field: string, value: string): GuardRef => ({ type: 'effectValue', params: { field, equals: value } });
  const failedToIdentify: TransitionConfig = { target: outcome('failed'), actions: [say('identity.failed'), resetAttempts] };
  const common = { maxAttempts: n.maxAttempts, human: ctx.globals.human, repeatKey: ctx.globals.repeatKey };
  const entry = ctx.spoken(n.input, 'digits');

  // How a caller without a recognised caller ID names the account: a phone number, or first a choice.
  const keyIn = n.enterpriseId ? to('choose') : to('askPhone');
  const lookupResult = (retry: string, notFoundKey: string): TransitionConfig[] => [
    { guard: effectIs('found', 'true'), target: to('eligible'), actions: [{ type: 'storeCandidate' }, resetAttempts] },
    { guard: effectIs('reason', 'rate_limited'), target: outcome('locked'), actions: [say('identity.locked'), resetAttempts] },
    // The directory being down is not the caller's mistake: do not ask them to re-key the number.
    { guard: { type: 'effectFailed' }, ...failedToIdentify },
    { guard: { type: 'attemptsExhausted', params: { max: n.maxAttempts } }, ...failedToIdentify },
    { target: to(retry), actions: [say(notFoundKey), { type: 'incAttempts' }] },
  ];

  const states: Record<string, StateConfig> = {
    lookup: {
      id: sid('lookup'),
      entry: [{ type: 'effect', params: { kind: 'lookupAccount', args: { by: 'callerId' } } }],
      on: {
        [EVENTS.effect]: [
          { guard: effectIs('found', 'true'), target: to('offer'), actions: [{ type: 'storeCandidate' }] },
          { target: keyIn },
        ],
      },
    },
    offer: digitState({
      id: sid('offer'),
      prompt: ctx.prompt('identity.offer', []),
      await: { kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: n.timeout, sensitive: false },
      choices: [
        { guard: { type: 'digitsAre', params: { digits: '1' } }, target: to('eligible'), actions: [resetAttempts] },
        { guard: { type: 'digitsAre', params: { digits: '2' } }, target: keyIn, actions: [resetAttempts] },
      ],
      noInput: softRetries('retry.no_input'),
      invalid: softRetries('retry.invalid'),
      onExhausted: keyIn,
      ...common,
      spoken: ctx.spoken(n.input, [
        {
          key: '1',
          fromLexicon: 'yes',
          say: { 'zh-CN': ['本机', '当前号码', '来电号码', '现在的号码'], 'en-US': ['this number', 'this phone'] },
          label: { 'zh-CN': '用这个号码接收验证码', 'en-US': 'a code to this phone' },
        },
        {
          key: '2',
          fromLexicon: 'no',
          say: { 'zh-CN': ['其他号码', '别的号码', '换一个', '换号', '其他手机'], 'en-US': ['another number', 'other number', 'different number'] },
          label: { 'zh-CN': '使用其他手机号', 'en-US': 'another number' },
        },
      ]),
    }),
    askPhone: digitState({
      id: sid('askPhone'),
      prompt: ctx.prompt('identity.ask_phone', []),
      await: { kind: 'digits', minDigits: 11, maxDigits: 11, finishOnKey: '#', timeoutSec: n.timeout + 4, sensitive: true },
      choices: [
        {
          guard: { type: 'digitsValid', params: { min: 11, max: 11, pattern: '^1[3-9]\\d{9}$' } },
          target: to('lookupPhone'),
          actions: [{ type: 'effect', params: { kind: 'lookupAccount', args: { by: 'phone' }, digitsAs: 'phone' } }],
        },
      ],
      noInput: retries('retry.no_input'),
      invalid: retries('identity.phone_invalid'),
      onExhausted: outcome('failed'),
      ...common,
      spoken: entry,
    }),
    lookupPhone: { id: sid('lookupPhone'), on: { [EVENTS.effect]: lookupResult('askPhone', 'identity.not_found') } },
    ...(n.enterpriseId ? enterpriseIdStates() : {}),
    eligible: {
      id: sid('eligible'),
      always: [
        ...(n.require?.tier
          ? [
              {
                guard: { type: 'candidateTier', params: { tier: n.require.tier, is: false } },
                target: n.on.notEligible ? ctx.target(n.on.notEligible) : ctx.endTarget,
              } satisfies TransitionConfig,
            ]
          : []),
        { target: to('sendOtp') },
      ],
    },
    sendOtp: {
      id: sid('sendOtp'),
      entry: [{ type: 'effect', params: { kind: 'sendOtp', args: {}, candidate: true } }],
      on: {
        [EVENTS.effect]: [
          { guard: effectIs('status', 'sent'), target: to('askCode'), actions: [say('identity.code_sent')] },
          { guard: effectIs('status', 'locked'), target: outcome('locked'), actions: [say('identity.locked')] },
          // Too many codes to this account or number (the send throttle), or the SMS guard refused
          // the number: no code can come now. The caller hears why and takes the failed way (a person).
          { guard: effectIs('status', 'throttled'), target: outcome('failed'), actions: [say('identity.code_unavailable'), resetAttempts] },
          { guard: effectIs('status', 'refused'), target: outcome('failed'), actions: [say('identity.code_unavailable'), resetAttempts] },
          failedToIdentify,
        ],
      },
    },
    askCode: digitState({
      id: sid('askCode'),
      prompt: ctx.prompt('identity.ask_code', []),
      await: { kind: 'digits', minDigits: 6, maxDigits: 6, timeoutSec: n.timeout + 2, sensitive: true },
      choices: [
        {
          guard: { type: 'digitsValid', params: { min: 6, max: 6 } },
          target: to('verifyCode'),
          // The code goes straight from the keypad into the effect; it is never stored in the call.
          actions: [{ type: 'effect', params: { kind: 'verifyOtp', args: {}, digitsAs: 'code', candidate: true } }],
        },
      ],
      noInput: retries('retry.no_input'),
      invalid: retries('identity.code_invalid'),
      onExhausted: outcome('failed'),
      ...common,
      spoken: entry,
    }),
    verifyCode: {
      id: sid('verifyCode'),
      on: {
        [EVENTS.effect]: [
          {
            guard: effectIs('status', 'ok'),
            target: ctx.target(n.on.verified),
            actions: [{ type: 'verifyCandidate' }, say('identity.verified'), resetAttempts],
          },
          { guard: effectIs('status', 'wrong'), target: to('askCode'), actions: [say('identity.code_wrong')] },
          { guard: effectIs('status', 'expired'), target: to('sendOtp'), actions: [say('identity.code_expired')] },
          { guard: effectIs('status', 'locked'), target: outcome('locked'), actions: [say('identity.locked'), resetAttempts] },
          failedToIdentify,
        ],
      },
    },
  };
  function enterpriseIdStates(): Record<string, StateConfig> {
    return {
      choose: digitState({
        id: sid('choose'),
        prompt: ctx.prompt('identity.choose_method', []),
        await: { kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: n.timeout, sensitive: false },
        choices: [
          { guard: { type: 'digitsAre', params: { digits: '1' } }, target: to('askPhone'), actions: [resetAttempts] },
          { guard: { type: 'digitsAre', params: { digits: '2' } }, target: to('askEnterpriseId'), actions: [resetAttempts] },
        ],
        noInput: softRetries('retry.no_input'),
        invalid: softRetries('retry.invalid'),
        onExhausted: to('askPhone'),
        ...common,
        spoken: ctx.spoken(n.input, [
          { key: '1', say: { 'zh-CN': ['手机', '电话', '号码'], 'en-US': ['phone', 'mobile', 'number'] }, label: { 'zh-CN': '用手机号验证', 'en-US': 'your phone number' } },
          { key: '2', say: { 'zh-CN': ['企业', '蓝V', '机构'], 'en-US': ['enterprise', 'business', 'company'] }, label: { 'zh-CN': '用企业号验证', 'en-US': 'your enterprise ID' } },
        ]),
      }),
      askEnterpriseId: digitState({
        id: sid('askEnterpriseId'),
        prompt: ctx.prompt('identity.ask_enterprise_id', []),
        await: { kind: 'digits', minDigits: 6, maxDigits: 20, finishOnKey: '#', timeoutSec: n.timeout + 4, sensitive: true },
        choices: [
          {
            guard: { type: 'digitsValid', params: { min: 6, max: 20 } },
            target: to('lookupEnterpriseId'),
            actions: [{ type: 'effect', params: { kind: 'lookupAccount', args: { by: 'enterpriseId' }, digitsAs: 'enterpriseId' } }],
          },
        ],
        noInput: retries('retry.no_input'),
        invalid: retries('identity.enterprise_id_invalid'),
        onExhausted: outcome('failed'),
        ...common,
        spoken: entry,
      }),
      lookupEnterpriseId: {
        id: sid('lookupEnterpriseId'),
        on: { [EVENTS.effect]: lookupResult('askEnterpriseId', 'identity.enterprise_not_found') },
      },
    };
  }

  return { id: ctx.stateId(id), initial: 'lookup', entry: [{ type: 'visit', params: { node: id } }], states };
}
