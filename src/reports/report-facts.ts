import type { TicketCategory } from '../services/tickets/ticket.schema';
import type { CallOutcome } from '../stores/calls/call-record';
import type { QueueWaitGroup } from './queue-waits';
import type { AnswerGroup, DistressGroup } from './spoken-answers';
import type { VariantGroup, VariantSurveyGroup } from './variant-outcomes';
import type { SlaStatus } from './sla-status';

/** Calls that took the same path through one flow, and whether they were abandoned. */
export type PathGroup = { flowId: string; path: string[]; abandoned: boolean; calls: number };

/**
 * What a report is made of, counted where the records are (GROUP BY in SQL, a loop in memory):
 * a few hundred rows however many calls, so the report never loads every record into the process.
 * `reportFromFacts` turns them into the Report.
 */
export type ReportFacts = {
  /** Calls started in the period, per hotline and 15-minute slot (epoch ms of the slot's start): every zone's offset is a multiple of 15 minutes, so a slot lies in one hour of day. */
  slots: Array<{ hotline: string; slot: number; calls: number }>;
  /** Calls started in the period by how they stand. */
  kinds: Array<{ afterHours: boolean; inProgress: boolean; outcome: CallOutcome | null; calls: number }>;
  paths: PathGroup[];
  /** The period's calls by first contact: without a caller number, repeated within 48 h, over 48 h without a repeat, or still inside them. */
  firstContact: { unknownCaller: number; repeated: number; resolved: number; pending: number };
  /** Tickets created in the period by category and SLA status at `now`. */
  tickets: Array<{ category: TicketCategory; sla: SlaStatus; tickets: number }>;
  /** Surveys of the period's calls, by rating (null: none) and whether answered. */
  surveys: Array<{ rating: number | null; answered: boolean; surveys: number }>;
  /** The period's calls that waited in an agents' queue, per line, answered or not, within 15 s or not. */
  queueWaits: QueueWaitGroup[];
  /** The period's answers to menus and entries (turns with a `from`), by keys or words, per entry flow and node. */
  answers: AnswerGroup[];
  /** The period's calls whose caller sounded distressed, by hotline and outcome. */
  distressed: DistressGroup[];
  /** The period's calls through each variant of each A/B split, by how they stand. */
  variants: VariantGroup[];
  /** The surveys of those calls, per variant. */
  variantSurveys: VariantSurveyGroup[];
};

/**
 * A path as the database hands it back, or none: a record whose path is not a list of node names
 * (a damaged record) counts in every other figure, never fails the report.
 */
export function pathFrom(value: unknown): string[] {
  const path = typeof value === 'string' ? safeJson(value) : value;
  return Array.isArray(path) && path.every((n) => typeof n === 'string') ? path : [];
}
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The slot (its start, epoch ms) a time falls in. */
export const SLOT_MS = 15 * 60_000;
export const slotOf = (at: number) => Math.floor(at / SLOT_MS) * SLOT_MS;

/** Where a report's facts come from: the SQL stores count them in the database; memory counts its records. */
export interface ReportSource {
  facts(query: { from: number; to: number; hotline?: string; now: number }): Promise<ReportFacts>;
}
