import { z } from 'zod';
import { EffectKindSchema } from '../flow/runtime/effect';
import { DialStatusSchema, PrioritySchema, QueueSchema } from '../flow/runtime/turn';
import { SmsKindSchema } from '../flow/nodes/sms';
import { TicketCategorySchema } from '../flow/nodes/ticket';
import type { ScenarioInput, Step } from './scenario';

/**
 * Call scripts in YAML, beside the flows (`flows/tests/<hotline>.calls.yaml`): what a designer
 * writes to test a hotline without TypeScript. Each call becomes a Scenario, the same data the
 * TypeScript call scripts are, so both run through one runner and one coverage count.
 *
 * ```yaml
 * calls:
 *   - name: a banned streamer gets a ticket
 *     dial: 400-666-1234
 *     at: '2026-11-23T10:00:00+08:00'
 *     steps:
 *       - hear: 直播间被封禁请按1
 *       - press: '1'
 *       - say: 我的账号被盗了            # where the flow listens (input: [dtmf, speech])
 *       - say: { text: 嗯电商, confidence: 0.3 }
 *       - hear: /工单号是[\d ]+/
 *       - reach: ban_ticket
 *     tickets: [live_ban]
 *     ends: hangup
 * ```
 */

const Keys = z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(z.string().regex(/^[0-9*#\s]+$/, { error: 'keys are 0-9, * and # (quote them: press: "1")' }));
const Phone = z.string().regex(/^\+\d{7,15}$/, { error: 'a phone number in E.164, e.g. "+8613800138000"' });

/** One step; a bare word for the steps that take nothing (`- silence`, `- hangUp`). */
const StepYamlSchema = z.union(
  [
    z.literal('silence').transform((): Step => ({ do: 'silence' })),
    z.literal('hangUp').transform((): Step => ({ do: 'hangUp' })),
    z.object({ press: Keys.describe('Keys, e.g. "1" or "13800138000#"; several entries at once: "1 2".') }).strict().transform((s): Step => ({ do: 'press', keys: s.press })),
    z
      .object({
        say: z
          .union([
            z.string().describe('What the caller says, as the recogniser heard it: "我的账号被盗了".'),
            z
              .object({
                text: z.string().describe('What the caller says, as the recogniser heard it.'),
                confidence: z.number().min(0).max(1).optional().describe("How sure the recogniser was, 0-1 (Twilio's Confidence); below 0.5 the engine asks \"did you mean…?\"."),
              })
              .strict(),
          ])
          .describe('Speak where the flow listens (input: [dtmf, speech]): the words, or { text, confidence }.'),
      })
      .strict()
      .transform((s): Step => (typeof s.say === 'string' ? { do: 'say', text: s.say } : { do: 'say', text: s.say.text, ...(s.say.confidence !== undefined ? { confidence: s.say.confidence } : {}) })),
    z.object({ record: z.number().int().min(0).max(600).describe('Leave a voicemail of this many seconds (0: say nothing).') }).strict().transform((s): Step => ({ do: 'record', seconds: s.record })),
    z.object({ enterCode: Phone.describe('Key in the one-time code texted to this number, read off the SMS.') }).strict().transform((s): Step => ({ do: 'enterCode', sentTo: s.enterCode, wrong: false })),
    z.object({ enterWrongCode: Phone.describe('Key in a code that is not the one texted to this number.') }).strict().transform((s): Step => ({ do: 'enterCode', sentTo: s.enterWrongCode, wrong: true })),
    z.object({ wait: z.number().positive().max(7 * 24 * 60).describe('Let this many minutes pass (a code expiring).') }).strict().transform((s): Step => ({ do: 'wait', minutes: s.wait })),
    z
      .object({ hear: z.string().min(1).describe('Text heard since the last input: a substring, or /a regular expression/.') })
      .strict()
      .transform((s): Step => {
        const regex = /^\/(.+)\/$/s.exec(s.hear);
        return regex ? { do: 'hear', text: regex[1], regex: true } : { do: 'hear', text: s.hear };
      }),
    z.object({ reach: z.string().min(1).describe('The flow has passed through this node by now.') }).strict().transform((s): Step => ({ do: 'reach', node: s.reach })),
    z
      .object({ dialEnds: DialStatusSchema.describe("How the number a transfer rings ends (Twilio's DialCallStatus): completed (answered), busy, no-answer, failed, canceled.") })
      .strict()
      .transform((s): Step => ({ do: 'dialEnds', result: s.dialEnds })),
  ],
  { error: 'a step is one of: press, say, hear, reach, silence, record, enterCode, enterWrongCode, wait, dialEnds, hangUp' },
);

/** A list of steps may hold lists of steps (a YAML anchor reused: `- *verify_by_sms`), flattened in order. */
const StepsYamlSchema = z.array(z.union([StepYamlSchema, z.array(StepYamlSchema)])).transform((steps) => steps.flat());

const EndsYamlSchema = z.union(
  [
    z.literal('hangup').transform(() => ({ kind: 'hangup' as const })),
    z
      .object({ transfer: QueueSchema.describe('The queue the call ends in.'), priority: PrioritySchema.optional() })
      .strict()
      .transform((e) => ({ kind: 'transfer' as const, queue: e.transfer, ...(e.priority ? { priority: e.priority } : {}) })),
  ],
  { error: 'ends is `hangup` or `{ transfer: <queue>, priority?: normal|high|urgent }`' },
);

const TicketYamlSchema = z.union([
  TicketCategorySchema.transform((category) => ({ category })),
  z.object({ category: TicketCategorySchema, priority: PrioritySchema.optional() }).strict(),
]);

export const CallScriptSchema = z
  .object({
    name: z.string().min(1).describe('Reads like a call script: "a stolen account gets an urgent ticket".'),
    dial: z.string().min(3).describe('The number dialled, as a caller writes it: 400-0066-888.'),
    from: Phone.optional().describe("The caller's number (default: a demo account's phone, +8613800138000)."),
    fromCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
    at: z.string().describe('When the call is placed, with its zone: "2026-11-23T10:00:00+08:00".'),
    failing: z.array(EffectKindSchema).default([]).describe('Services that fail in this call (a ticket system outage).'),
    steps: StepsYamlSchema,
    line: z.object({ hotline: z.string(), afterHours: z.boolean() }).strict().optional().describe('The line that answers, and whether it is out of hours.'),
    ends: EndsYamlSchema.optional(),
    tickets: z.array(TicketYamlSchema).optional().describe('Tickets the call opens, in order: categories, or { category, priority }.'),
    sms: z.array(SmsKindSchema).optional().describe('SMS the flow sends (codes and ticket texts not included), in order.'),
    variants: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        "Test only: the variant each split node gives this call, by node id (or flow/node): { greeting_test: short }. Real callers get theirs by a draw that changes with every published version, so a call that passes a split must pin it here.",
      ),
  })
  .strict()
  .transform((c): ScenarioInput => c);

export const CallScriptFileSchema = z.object({ calls: z.array(CallScriptSchema).min(1, { error: 'a call-script file has at least one call' }) }).strict();
export type CallScriptFile = z.output<typeof CallScriptFileSchema>;

/** Call scripts beside the flows: `<flows dir>/tests/*.calls.yaml`. */
export const CALL_SCRIPTS_DIR = 'tests';
export const CALL_SCRIPT_SUFFIX = '.calls.yaml';
