import { REPEAT_WINDOW_MS } from '../../reports/first-contact';
import { pathFrom, SLOT_MS, type ReportFacts, type ReportSource } from '../../reports/report-facts';
import { ANSWERED_WITHIN_SEC } from '../../reports/queue-waits';
import { DUE_SOON_MS, type SlaStatus } from '../../reports/sla-status';
import type { TicketCategory } from '../../services/tickets/ticket.schema';
import type { CallOutcome, HeardKind } from '../calls/call-record';
import type { AnswerVia } from '../../reports/spoken-answers';
import type { SqliteDatabase } from './open-sqlite';

type Params = { from: number; to: number; hotline: string | null; now: number };

/** The period's calls (on the hotline, when one is asked). */
const PERIOD = 'started_at >= @from AND started_at < @to AND (@hotline IS NULL OR hotline = @hotline)';

/** E.164 with 6 to 15 digits, as `isNumber` in first-contact.ts tests it, in GLOB (SQLite has no regular expressions). */
const IS_NUMBER = "(caller GLOB '+[0-9][0-9][0-9][0-9][0-9][0-9]*' AND caller NOT GLOB '+*[^0-9]*' AND length(caller) <= 16)";

/** The time a resolved ticket was resolved: its last note that resolved it (as slaStatus reads it). */
const RESOLVED_AT = "(SELECT json_extract(n.value, '$.at') FROM json_each(t.notes) n WHERE json_extract(n.value, '$.status') = 'resolved' ORDER BY n.key DESC LIMIT 1)";

/**
 * The report's facts counted by SQLite: GROUP BY over the period's calls, tickets and surveys, so
 * only the counts cross into the process. The same figures as `factsFromRecords` (the report
 * tests compare them on one set of records).
 */
export function sqliteReportSource(db: SqliteDatabase): ReportSource {
  const slots = db.prepare<Params, { hotline: string; slot: number; calls: number }>(
    `SELECT hotline, (started_at / ${SLOT_MS}) * ${SLOT_MS} AS slot, count(*) AS calls FROM calls WHERE ${PERIOD} GROUP BY hotline, slot`,
  );
  const kinds = db.prepare<Params, { afterHours: number; inProgress: number; outcome: CallOutcome | null; calls: number }>(
    `SELECT json_extract(data, '$.afterHours') AS afterHours, json_extract(data, '$.status') = 'in-progress' AS inProgress,
            json_extract(data, '$.outcome') AS outcome, count(*) AS calls
     FROM calls WHERE ${PERIOD} GROUP BY 1, 2, 3`,
  );
  const paths = db.prepare<Params, { flowId: string; path: string; abandoned: number; calls: number }>(
    `SELECT json_extract(data, '$.flowId') AS flowId, json_extract(data, '$.path') AS path,
            coalesce(json_extract(data, '$.outcome'), '') = 'abandoned' AS abandoned, count(*) AS calls
     FROM calls WHERE ${PERIOD} GROUP BY 1, 2, 3`,
  );
  // Any later call from the same number, to any hotline, counts as a repeat (the index on the caller expression answers each probe).
  const firstContact = db.prepare<Params, { k: keyof ReportFacts['firstContact']; calls: number }>(
    `SELECT CASE
              WHEN NOT ${IS_NUMBER} THEN 'unknownCaller'
              WHEN EXISTS (SELECT 1 FROM calls r WHERE json_extract(r.data, '$.caller') = c.caller AND r.started_at > c.started_at AND r.started_at <= c.started_at + ${REPEAT_WINDOW_MS}) THEN 'repeated'
              WHEN c.started_at + ${REPEAT_WINDOW_MS} <= @now THEN 'resolved'
              ELSE 'pending'
            END AS k, count(*) AS calls
     FROM (SELECT started_at, json_extract(data, '$.caller') AS caller FROM calls WHERE ${PERIOD}) c GROUP BY k`,
  );
  const tickets = db.prepare<Params, { category: TicketCategory; sla: SlaStatus; tickets: number }>(
    `SELECT category, CASE
              WHEN status = 'resolved' THEN CASE WHEN coalesce(${RESOLVED_AT}, @now) <= due_at THEN 'met' ELSE 'breached' END
              WHEN @now > due_at THEN 'breached'
              WHEN due_at - @now <= ${DUE_SOON_MS} THEN 'due'
              ELSE 'open'
            END AS sla, count(*) AS tickets
     FROM tickets t WHERE created_at >= @from AND created_at < @to AND (@hotline IS NULL OR hotline = @hotline) GROUP BY 1, 2`,
  );
  const surveys = db.prepare<Params, { rating: number | null; answered: number; surveys: number }>(
    `SELECT s.rating, (s.rating IS NOT NULL OR s.comment IS NOT NULL) AS answered, count(*) AS surveys
     FROM surveys s JOIN calls ON calls.call_sid = s.call_sid WHERE calls.started_at >= @from AND calls.started_at < @to AND (@hotline IS NULL OR calls.hotline = @hotline) GROUP BY 1, 2`,
  );
  // An overflow's wait is both queues' (totalWaitSec).
  const queueWaits = db.prepare<Params, { hotline: string; answered: number; withinThreshold: number; calls: number; waitSec: number }>(
    `SELECT hotline, answered, waited <= ${ANSWERED_WITHIN_SEC} AS withinThreshold, count(*) AS calls, sum(waited) AS waitSec
     FROM (SELECT hotline, json_extract(data, '$.queue.result') = 'bridged' AS answered,
                  coalesce(json_extract(data, '$.queue.waitedSec'), 0) + coalesce(json_extract(data, '$.queue.overflowedFrom.waitedSec'), 0) AS waited
           FROM calls WHERE ${PERIOD} AND json_extract(data, '$.queue.result') IS NOT NULL)
     GROUP BY 1, 2, 3`,
  );
  // A turn that answered a menu or an entry: keys or words, at the node named by `from`.
  const answers = db.prepare<Params, { flowId: string; node: string; via: AnswerVia; heard: HeardKind | null; lowConfidence: number; turns: number }>(
    `SELECT json_extract(c.data, '$.flowId') AS flowId, json_extract(t.value, '$.from') AS node,
            CASE json_extract(t.value, '$.input') WHEN 'digits' THEN 'keys' ELSE 'speech' END AS via,
            json_extract(t.value, '$.heard') AS heard, coalesce(json_extract(t.value, '$.lowConfidence'), 0) = 1 AS lowConfidence, count(*) AS turns
     FROM calls c, json_each(c.data, '$.turns') t
     WHERE ${PERIOD} AND json_extract(t.value, '$.input') IN ('digits', 'speech') AND json_extract(t.value, '$.from') IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5`,
  );
  const distressed = db.prepare<Params, { hotline: string; outcome: CallOutcome | null; calls: number }>(
    `SELECT hotline, json_extract(data, '$.outcome') AS outcome, count(*) AS calls FROM calls WHERE ${PERIOD} AND json_extract(data, '$.distressed') = 1 GROUP BY 1, 2`,
  );
  // A record's variants: one row per split it went through (none for a record without).
  const VARIANTS = "json_each(c.data, '$.variants') v";
  const IS_OBJECT = "json_type(c.data, '$.variants') = 'object'";
  const variants = db.prepare<Params, { split: string; variant: string; afterHours: number; inProgress: number; outcome: CallOutcome | null; calls: number }>(
    `SELECT v.key AS split, v.value AS variant, json_extract(c.data, '$.afterHours') AS afterHours, json_extract(c.data, '$.status') = 'in-progress' AS inProgress,
            json_extract(c.data, '$.outcome') AS outcome, count(*) AS calls
     FROM calls c, ${VARIANTS} WHERE ${PERIOD} AND ${IS_OBJECT} GROUP BY 1, 2, 3, 4, 5`,
  );
  const variantSurveys = db.prepare<Params, { split: string; variant: string; rating: number | null; answered: number; surveys: number }>(
    `SELECT v.key AS split, v.value AS variant, s.rating, (s.rating IS NOT NULL OR s.comment IS NOT NULL) AS answered, count(*) AS surveys
     FROM surveys s JOIN calls c ON c.call_sid = s.call_sid, ${VARIANTS}
     WHERE c.started_at >= @from AND c.started_at < @to AND (@hotline IS NULL OR c.hotline = @hotline) AND ${IS_OBJECT} GROUP BY 1, 2, 3, 4`,
  );
  return {
    async facts(q) {
      const p: Params = { from: q.from, to: q.to, hotline: q.hotline ?? null, now: q.now };
      const fc = { unknownCaller: 0, repeated: 0, resolved: 0, pending: 0 };
      for (const row of firstContact.all(p)) fc[row.k] = row.calls;
      return {
        slots: slots.all(p),
        kinds: kinds.all(p).map((k) => ({ afterHours: k.afterHours === 1, inProgress: k.inProgress === 1, outcome: k.outcome, calls: k.calls })),
        paths: paths.all(p).map((g) => ({ flowId: g.flowId, path: pathFrom(g.path), abandoned: g.abandoned === 1, calls: g.calls })),
        firstContact: fc,
        tickets: tickets.all(p),
        surveys: surveys.all(p).map((s) => ({ rating: s.rating, answered: s.answered === 1, surveys: s.surveys })),
        queueWaits: queueWaits.all(p).map((g) => ({ hotline: g.hotline, answered: g.answered === 1, withinThreshold: g.withinThreshold === 1, calls: g.calls, waitSec: g.waitSec })),
        answers: answers.all(p).map((g) => ({ ...g, lowConfidence: g.lowConfidence === 1 })),
        distressed: distressed.all(p),
        variants: variants.all(p).map((g) => ({ ...g, afterHours: g.afterHours === 1, inProgress: g.inProgress === 1 })),
        variantSurveys: variantSurveys.all(p).map((s) => ({ ...s, answered: s.answered === 1 })),
      };
    },
  };
}
