import { z } from 'zod';
import { LanguageSchema } from '../schema/prompt.schema';
import { TicketCategorySchema } from '../nodes/ticket';
import { SmsKindSchema, SmsRecipientSchema } from '../nodes/sms';
import type { EffectResult } from './input';
import { AccountSchema, PrioritySchema } from './turn';

/**
 * The side effects a flow asks its driver to perform: one schema per kind for what the flow hands
 * over (args) and one for what the handler answers (value). Types come from these schemas only.
 */
export const EffectKindSchema = z.enum(['lookupAccount', 'sendOtp', 'verifyOtp', 'createTicket', 'sendSms']);
export type EffectKind = z.infer<typeof EffectKindSchema>;

/** The call an effect belongs to, as its handler needs it. */
export const EffectCallSchema = z.object({
  sid: z.string(),
  from: z.string(),
  hotline: z.string(),
  lang: LanguageSchema,
  accountId: z.string().optional(),
  path: z.array(z.string()),
});
export type EffectCall = z.infer<typeof EffectCallSchema>;

/**
 * What each kind is given. Keyed digits arrive as '' when the step was not taken by a keypress
 * (the flows only take these steps on one), which the handlers treat as nothing entered.
 * `accountId` is the account being verified; it is absent only if a flow asked before it had one,
 * and then the handler fails the effect, which the flow handles like any failure.
 */
export const EffectArgsSchemas = {
  lookupAccount: z.discriminatedUnion('by', [
    z.object({ by: z.literal('callerId') }),
    z.object({ by: z.literal('phone'), phone: z.string() }),
    z.object({ by: z.literal('enterpriseId'), enterpriseId: z.string() }),
  ]),
  sendOtp: z.object({ accountId: z.string().optional() }),
  verifyOtp: z.object({ accountId: z.string().optional(), code: z.string() }),
  createTicket: z.object({
    category: TicketCategorySchema,
    priority: PrioritySchema,
    summary: z.string(),
    /** Text the caller to say the ticket was made. */
    notify: z.boolean(),
    /** What the caller keyed in during the call, kept on the ticket. */
    vars: z.record(z.string(), z.string()),
  }),
  sendSms: z.object({
    kind: SmsKindSchema,
    to: SmsRecipientSchema,
    /** Rendered in the call's language; `{link}` is left for the sender to fill. */
    text: z.string(),
  }),
} satisfies Record<EffectKind, z.ZodType>;
export type EffectArgs<K extends EffectKind> = z.infer<(typeof EffectArgsSchemas)[K]>;

/**
 * What each kind answers. The flow reads these by field name (guards `effectValue`, `storeResult`),
 * so a field renamed here must be renamed in the node that reads it.
 */
export const EffectValueSchemas = {
  lookupAccount: z.union([
    z.object({ found: z.literal(true), account: AccountSchema }),
    /** `rate_limited`: too many look-ups from this caller; the answer says nothing about the account. */
    z.object({ found: z.literal(false), reason: z.literal('rate_limited').optional() }),
  ]),
  sendOtp: z.object({
    status: z.enum(['sent', 'locked', 'throttled', 'refused', 'failed']),
    /** Why the SMS guard refused the code's SMS. */
    reason: z.string().optional(),
  }),
  verifyOtp: z.object({ status: z.enum(['ok', 'wrong', 'expired', 'locked']) }),
  createTicket: z.object({
    ticketId: z.string(),
    slaMinutes: z.number(),
    dueAt: z.string(),
    /** This delivery made no ticket: a repeat of the turn, or the caller's ticket from an earlier call. */
    existing: z.literal(true).optional(),
    /** Whether the caller was texted the ticket number (absent when no SMS was asked for or due). */
    texted: z.boolean().optional(),
    /** Why the SMS guard refused that text. */
    smsRefused: z.string().optional(),
  }),
  sendSms: z.object({ sid: z.string() }),
} satisfies Record<EffectKind, z.ZodType>;
export type EffectValue<K extends EffectKind> = z.infer<(typeof EffectValueSchemas)[K]>;

/**
 * A side effect the driver must perform, then feed back as an `effect` input, discriminated by
 * `kind`. `key` is stable across webhook retries of the same turn, so handlers can be idempotent on it.
 * Written as a mapped type over the kinds so that a handler map indexed by `effect.kind` type-checks.
 */
export type EffectOf<K extends EffectKind> = {
  [P in K]: { id: string; kind: P; key: string; args: EffectArgs<P>; call: EffectCall };
}[K];
export type Effect = EffectOf<EffectKind>;

/** A failed effect: the handler threw or timed out (the shape the flow is fed, input.ts). */
export type FailedEffect = Extract<EffectResult, { ok: false }>;
/** What an effect of kind K came to, discriminated by `ok` and then by `kind`. */
export type EffectOutcome<K extends EffectKind = EffectKind> = EffectSucceeded<K> | FailedEffect;
export type EffectSucceeded<K extends EffectKind = EffectKind> = { [P in K]: { id: string; kind: P; ok: true; value: EffectValue<P> } }[K];
