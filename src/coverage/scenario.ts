import { z } from 'zod';
import { EffectKindSchema } from '../flow/runtime/effect';
import { DialStatusSchema, PrioritySchema, QueueSchema } from '../flow/runtime/turn';
import { SmsKindSchema } from '../flow/nodes/sms';
import { TicketCategorySchema } from '../flow/nodes/ticket';

/**
 * A call script: what the caller does and hears, step by step. Scenario files
 * (`flows/tests/*.calls.yaml`, read by call-script.schema.ts; or `*.scenario.ts` built with the
 * helpers below) are plain data, so the same
 * scripts run under jest (CI) and under `ivr test`.
 */
export const StepSchema = z.discriminatedUnion('do', [
  z.object({ do: z.literal('press'), keys: z.string().regex(/^[0-9*#\s]+$/, 'keys are 0-9, * and #') }),
  z.object({ do: z.literal('silence') }),
  /** Speak where the call listens (input: [dtmf, speech]), as the recogniser reports it: the words, and how sure it was (0–1) when given. */
  z.object({ do: z.literal('say'), text: z.string(), confidence: z.number().min(0).max(1).optional() }),
  z.object({ do: z.literal('record'), seconds: z.number().int().nonnegative() }),
  z.object({ do: z.literal('hangUp') }),
  /** Key in the one-time code texted to `sentTo`, read from the SMS as the caller would; or a wrong one. */
  z.object({ do: z.literal('enterCode'), sentTo: z.string(), wrong: z.boolean() }),
  /** Let time pass between two inputs (a code expiring). */
  z.object({ do: z.literal('wait'), minutes: z.number().positive() }),
  /** Expect what was said since the caller's last input to contain this text (or match it, with `regex`). */
  z.object({ do: z.literal('hear'), text: z.string().min(1), regex: z.boolean().optional() }),
  /** Expect the call to have passed through this node by now. */
  z.object({ do: z.literal('reach'), node: z.string().min(1) }),
  /** A transfer's number rang and ended so (answered, busy, no-answer…): Twilio's DialCallStatus. */
  z.object({ do: z.literal('dialEnds'), result: DialStatusSchema }),
]);
export type Step = z.infer<typeof StepSchema>;

export const EndExpectationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfer'), queue: QueueSchema, priority: PrioritySchema.optional() }),
  z.object({ kind: z.literal('hangup') }),
]);

export const ScenarioSchema = z
  .object({
    /** Reads like a call script: 'a stolen account gets an urgent ticket and the urgent queue'. */
    name: z.string().min(1),
    dial: z.string(),
    from: z.string().optional(),
    fromCountry: z.string().optional(),
    /** When the call is placed, with its zone: "2026-11-23T21:00:00+08:00". */
    at: z.string(),
    /** Effects whose handler fails in this call (a ticket system outage). */
    failing: z.array(EffectKindSchema).default([]),
    steps: z.array(StepSchema),
    /** The hotline that answers and whether it is out of hours. */
    line: z.object({ hotline: z.string(), afterHours: z.boolean() }).strict().optional(),
    ends: EndExpectationSchema.optional(),
    /** Tickets the call creates, in order. */
    tickets: z.array(z.object({ category: TicketCategorySchema, priority: PrioritySchema.optional() }).strict()).optional(),
    /** SMS kinds the flow sends (one-time codes and ticket texts not included), in order. */
    sms: z.array(SmsKindSchema).optional(),
    /** Test only: the variant each split node gives this call (by node id or `<flow>/<node>`), instead of the caller's draw. */
    variants: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

export const press = (keys: string): Step => ({ do: 'press', keys });
export const silence = (): Step => ({ do: 'silence' });
export const say = (text: string, confidence?: number): Step => ({ do: 'say', text, ...(confidence !== undefined ? { confidence } : {}) });
export const record = (seconds = 12): Step => ({ do: 'record', seconds });
export const hangUp = (): Step => ({ do: 'hangUp' });
export const enterCode = (sentTo: string): Step => ({ do: 'enterCode', sentTo, wrong: false });
export const enterWrongCode = (sentTo: string): Step => ({ do: 'enterCode', sentTo, wrong: true });
export const wait = (minutes: number): Step => ({ do: 'wait', minutes });
export const hear = (text: string): Step => ({ do: 'hear', text });
export const reach = (node: string): Step => ({ do: 'reach', node });
export const dialEnds = (result: z.infer<typeof DialStatusSchema>): Step => ({ do: 'dialEnds', result });
