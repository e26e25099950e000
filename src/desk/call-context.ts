import { z } from 'zod';
import { keyedVars } from '../flow/compile/keyed-vars';
import type { FlowSource } from '../flow/compile/flow-source';
import { AccountSchema, PrioritySchema, type PersistedContext } from '../flow/runtime/turn';
import { LanguageSchema } from '../flow/schema/prompt.schema';
import { maskPhone } from '../hotlines';
import { TicketStatusSchema, type Ticket } from '../services/tickets/ticket.schema';
import { CallStatusSchema, type CallRecord } from '../stores/calls/call-record';
import { pathSteps } from './path-steps';
import { distressNote } from './desk-texts';
import { QueueClassSchema, type QueueConfig } from '../call-centre/queue.schema';

/**
 * Something an agent should know before saying hello. `distress`: the caller sounded upset or
 * urgent in a spoken answer (`at`: the first such turn), `detail` says so in the call's language
 * with the raised priority. `negative-sentiment` is kept for a later analysis; nothing raises it yet.
 */
export const CallFlagSchema = z.object({
  kind: z.enum(['negative-sentiment', 'distress']),
  at: z.number(),
  detail: z.string().optional(),
});
export type CallFlag = z.infer<typeof CallFlagSchema>;

/**
 * The screen-pop: what the IVR learned about a call, for the agent who takes it. Never the
 * caller's or the account's full number, never a one-time code nor anything keyed at a
 * `sensitive` gather (`keyed` holds the flow's keyedVars only).
 */
export const CallContextSchema = z.object({
  callSid: z.string(),
  /** `session`: the call is in progress and this is its live state; `record`: from the call record. */
  source: z.enum(['session', 'record']).describe('session: the live state of a call in progress; record: the call record.'),
  hotline: z.string(),
  lang: LanguageSchema,
  status: CallStatusSchema,
  callerMasked: z.string().describe("The caller's number, masked."),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  account: AccountSchema.nullable().describe('The account the caller verified (masked phone); null when none.'),
  path: z
    .array(z.object({ node: z.string(), type: z.string().optional(), chose: z.string().optional().describe('The menu key that led to the next node.') }))
    .describe('The nodes the call went through (the last 40).'),
  keyed: z.record(z.string(), z.string()).describe("Ids the caller keyed (the flow's non-sensitive gather and set vars)."),
  tickets: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      priority: PrioritySchema,
      status: TicketStatusSchema,
      slaMinutes: z.number(),
      createdAt: z.number(),
      dueAt: z.number(),
    }),
  ),
  /**
   * Where the flow sent the call. `waitedSec`: seconds since the transfer while the call is in
   * progress, else null; nothing tells this server when an agent answers, so once one has it
   * counts the talk too.
   */
  queue: z
    .object({
      queue: z.string().nullable(),
      /** The queue's name (flows/queues.yaml) in the call's language, and its class; null when not configured. */
      name: z.string().nullable(),
      class: QueueClassSchema.nullable(),
      priority: PrioritySchema,
      transferredAt: z.number().nullable(),
      waitedSec: z.number().int().nonnegative().nullable(),
    })
    .nullable(),
  flags: z.array(CallFlagSchema).describe('What to know before saying hello: distress when the caller sounded upset or urgent (its priority already raised); empty otherwise.'),
});
export type CallContext = z.infer<typeof CallContextSchema>;

/** The live state of a call in progress: its snapshot's context and the vars its flow lets agents see. */
export type LiveCall = { context: PersistedContext; keyedVars: readonly string[] };

/**
 * The screen-pop of a call (pure): from its live session while it is in progress (`live`), else
 * from its record; tickets from the ticket store; the path's menu keys from the flows.
 */
export function callContext(input: {
  record: CallRecord;
  live?: LiveCall;
  tickets: readonly Ticket[];
  flows: ReadonlyMap<string, FlowSource>;
  queues: ReadonlyMap<string, QueueConfig>;
  now: number;
}): CallContext {
  const { record, live, now } = input;
  const ctx = live?.context;
  const lang = ctx?.lang ?? record.lang;
  const queue = record.transfer?.queue !== undefined ? input.queues.get(record.transfer.queue) : undefined;
  const transferTurn = [...record.turns].reverse().find((t) => t.result === 'transferred');
  const transferredAt = transferTurn?.at ?? null;
  const waiting = record.status === 'in-progress' && transferredAt !== null;
  return {
    callSid: record.callSid,
    source: ctx ? 'session' : 'record',
    hotline: record.hotline,
    lang,
    status: record.status,
    callerMasked: maskPhone(record.caller),
    startedAt: record.startedAt,
    endedAt: record.endedAt ?? null,
    account: (ctx ? ctx.account : record.account) ?? null,
    path: pathSteps(ctx?.path ?? record.path, record.flowId, input.flows),
    keyed: live ? keyedVars(live.context.vars, live.keyedVars) : (record.keyed ?? {}),
    tickets: input.tickets.map((t) => ({ id: t.id, category: t.category, priority: t.priority, status: t.status, slaMinutes: t.slaMinutes, createdAt: t.createdAt, dueAt: t.dueAt })),
    // A transfer to a phone number (record.transfer.number) is no queue stay.
    queue: record.transfer?.queue !== undefined
      ? {
          queue: record.transfer.queue,
          name: queue?.name[lang] ?? null,
          class: queue?.class ?? null,
          // A queue transfer's priority defaults to normal, as in the flow format.
          priority: record.transfer.priority ?? 'normal',
          transferredAt,
          waitedSec: waiting ? Math.max(0, Math.floor((now - transferredAt) / 1000)) : null,
        }
      : null,
    flags: distressFlags(record, ctx, lang),
  };
}

/** The distress flag of a caller who sounded upset or urgent: when first heard, and the priority it raised. */
function distressFlags(record: CallRecord, ctx: PersistedContext | undefined, lang: CallContext['lang']): CallFlag[] {
  if (!record.distressed && !ctx?.distressed) return [];
  const at = record.turns.find((t) => t.distressed)?.at ?? record.startedAt;
  return [{ kind: 'distress', at, detail: distressNote(lang, record.transfer?.queue !== undefined ? (record.transfer.priority ?? 'normal') : undefined) }];
}
