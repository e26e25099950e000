import { ActivateInputSchema, PublishInputSchema, ReleaseChangeSchema, ReleaseDiffSchema, ReleaseListSchema } from '../releases/release-api.schema';
import { z } from 'zod';
import { CallContextSchema } from '../desk/call-context';
import { QaEntrySchema, QaReviewInputSchema } from '../quality/qa-review';
import { CallSmsSchema } from '../services/sms/call-sms-log';
import { OutboxStatusSchema } from '../services/sms/sms-outbox';
import { TicketPatchSchema } from '../services/tickets/ticket-changes';
import { TicketSchema } from '../services/tickets/ticket.schema';
import { CallbackJobSchema } from '../services/callbacks/callback-job';
import { CallbackFiguresByCategorySchema } from '../reports/callback-figures';
import { QueueFiguresSchema } from '../reports/queue-waits';
import { AnswersFiguresSchema, DistressFiguresSchema } from '../reports/spoken-answers';
import { CallOutcomeSchema, CallRecordSchema } from '../stores/calls/call-record';
import { SplitFiguresSchema } from '../reports/variant-outcomes';

/**
 * The admin API's answers and bodies as zod schemas, from which docs/openapi.yaml's components are
 * generated (openapi-document.ts). Most are the stores' own schemas; the rest describe answers
 * that have no schema of their own (a page, the survey view, the report).
 */

export const ErrorSchema = z.object({ error: z.string().describe('What is wrong and what to do; an internal error names its incident id.') });

export const PageSchema = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  next: z.number().int().nullable().describe('The offset of the next page; null on the last.'),
});

export const SurveyViewSchema = z.object({
  sentAt: z.number().nullable(),
  sms: OutboxStatusSchema,
  rating: z.number().nullable(),
  ratedAt: z.number().nullable(),
  comment: z.string().nullable(),
});

export const TicketViewSchema = TicketSchema.extend({ overdue: z.boolean().describe('Not resolved and past its due time, now.') });

const Rate = z.number().nullable();
const Sla = { open: z.number().int(), due: z.number().int(), breached: z.number().int(), met: z.number().int() };

export const CallbackReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), madeAt: z.string() }),
  callbacks: CallbackFiguresByCategorySchema,
});

export const ReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), hotline: z.string().nullable(), timezone: z.string(), madeAt: z.string() }),
  calls: z.object({
    total: z.number().int(),
    afterHours: z.number().int(),
    inProgress: z.number().int(),
    ended: z.number().int(),
    outcomes: z.record(CallOutcomeSchema, z.number().int()),
    selfServiceRate: Rate,
    transferRate: Rate,
    abandonmentRate: Rate,
    byHotline: z.record(z.string(), z.object({ total: z.number().int(), byHour: z.array(z.number().int()) })),
  }),
  firstContactResolution: z.object({ judged: z.number().int(), resolved: z.number().int(), rate: Rate, pending: z.number().int(), unknownCaller: z.number().int() }),
  tickets: z.object({ total: z.number().int(), byCategory: z.record(z.string(), z.object({ total: z.number().int(), ...Sla })), ...Sla }),
  surveys: z.object({
    sent: z.number().int(),
    answered: z.number().int(),
    responseRate: Rate,
    ratings: z.object({ count: z.number().int(), average: z.number().nullable(), distribution: z.record(z.enum(['1', '2', '3', '4', '5']), z.number().int()) }),
  }),
  queues: z.object({ byHotline: z.record(z.string(), QueueFiguresSchema) }),
  callbacks: CallbackFiguresByCategorySchema.optional()
    .describe('The call backs promised in the period: within their promise, late or missed, answered or given up.'),
  topPaths: z.array(z.object({ path: z.array(z.string()), calls: z.number().int() })),
  dropOff: z.record(z.string(), z.array(z.object({ node: z.string(), reached: z.number().int(), hungUpHere: z.number().int(), dropRate: z.number() }))),
  answers: AnswersFiguresSchema.describe('Per menu and entry: answers by speech or keys, spoken answers that matched nothing or were recognised with low confidence.'),
  distress: DistressFiguresSchema.describe('Calls whose caller sounded distressed (their priority raised a step) and how they came out.'),
  variants: SplitFiguresSchema.describe('Per A/B split node (`<flow>/<node>`) and variant: calls, outcomes, self-service, transfer, ticket and abandonment rates, survey ratings.'),
});

export const FlowListSchema = z.object({
  release: z.string().optional().describe('The id of the release new calls start on (ivr serve runs on releases).'),
  flows: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      version: z.string().describe('The version new calls start on.'),
      versions: z.array(z.object({ version: z.string(), current: z.boolean(), liveCalls: z.number().int() })),
    }),
  ),
  atLeast: z.boolean().optional().describe('Present when more calls were in progress than were counted.'),
});

/** The components, by name: responses (io output) and request bodies (io input). */
export const RESPONSE_SCHEMAS = {
  Error: ErrorSchema,
  Page: PageSchema,
  CallRecord: CallRecordSchema,
  CallPage: z.object({ calls: z.array(CallRecordSchema), page: PageSchema }),
  CallDetail: z.object({ call: CallRecordSchema, tickets: z.array(TicketSchema), survey: SurveyViewSchema.nullable() }),
  CallContext: CallContextSchema,
  Ticket: TicketViewSchema,
  TicketPage: z.object({ tickets: z.array(TicketViewSchema), page: PageSchema }),
  TicketOne: z.object({ ticket: TicketViewSchema }),
  FlowList: FlowListSchema,
  Report: ReportSchema,
  QaEntry: QaEntrySchema,
  QaPage: z.object({ calls: z.array(QaEntrySchema), page: PageSchema }),
  QaEntryOne: z.object({ entry: QaEntrySchema }),
  CallbackReport: CallbackReportSchema,
  CallbackOne: z.object({ callback: CallbackJobSchema.omit({ claimedBy: true }) }),
  CallSmsList: z.object({ sms: z.array(CallSmsSchema) }),
  ReleaseList: ReleaseListSchema,
  ReleaseChange: ReleaseChangeSchema,
  ReleaseDiff: ReleaseDiffSchema,
  PublishProblems: z.object({ error: z.string(), diagnostics: z.array(z.string()).describe('Every problem as file:line:col message.') }),
} as const;

export const REQUEST_SCHEMAS = {
  TicketPatch: TicketPatchSchema,
  QaReviewInput: QaReviewInputSchema,
  PublishInput: PublishInputSchema,
  ActivateInput: ActivateInputSchema,
} as const;
