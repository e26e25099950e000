import { REPEAT_WINDOW_MS } from '../../reports/first-contact';
import { pathFrom, SLOT_MS, type ReportFacts, type ReportSource } from '../../reports/report-facts';
import { ANSWERED_WITHIN_SEC } from '../../reports/queue-waits';
import { DUE_SOON_MS, type SlaStatus } from '../../reports/sla-status';
import type { TicketCategory } from '../../services/tickets/ticket.schema';
import type { CallOutcome, HeardKind } from '../calls/call-record';
import type { AnswerVia } from '../../reports/spoken-answers';
import { inTransaction, type PgPool } from './open-postgres';

/** The period's calls (on the hotline, when one is asked): $1 from, $2 to, $3 hotline or null. */
const PERIOD = 'started_at >= $1 AND started_at < $2 AND ($3::text IS NULL OR hotline = $3)';

/** The time a resolved ticket was resolved: its last note that resolved it (as slaStatus reads it). */
const RESOLVED_AT = "(SELECT (n->>'at')::bigint FROM jsonb_array_elements(t.notes) WITH ORDINALITY AS e(n, i) WHERE n->>'status' = 'resolved' ORDER BY i DESC LIMIT 1)";

/**
 * The report's facts counted by PostgreSQL: GROUP BY over the period's calls, tickets and
 * surveys, so only the counts cross into the process. The same figures as `factsFromRecords`
 * (the report tests compare them on one set of records). One read-only transaction on one
 * connection: every figure from the same snapshot, and the pool's other connections stay free for
 * turns. Without parallel workers: a report spread over every core would take them from the
 * servers' turns (seen on two cores: turns waiting 250 ms while a report ran).
 */
export function pgReportSource(pool: PgPool): ReportSource {
  return {
    facts: (q) => inTransaction(pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await client.query('SET LOCAL max_parallel_workers_per_gather = 0');
      const period = [q.from, q.to, q.hotline ?? null];
      const withNow = [...period, q.now];
      const slots = await client.query<{ hotline: string; slot: string; calls: string }>(
        `SELECT hotline, (started_at / ${SLOT_MS}) * ${SLOT_MS} AS slot, count(*) AS calls FROM calls WHERE ${PERIOD} GROUP BY 1, 2`,
        period,
      );
      const kinds = await client.query<{ after_hours: boolean; in_progress: boolean; outcome: CallOutcome | null; calls: string }>(
        `SELECT coalesce(data->'afterHours' = 'true'::jsonb, false) AS after_hours, coalesce(data->>'status' = 'in-progress', false) AS in_progress, data->>'outcome' AS outcome, count(*) AS calls
         FROM calls WHERE ${PERIOD} GROUP BY 1, 2, 3`,
        period,
      );
      const paths = await client.query<{ flow_id: string; path: unknown; abandoned: boolean; calls: string }>(
        `SELECT data->>'flowId' AS flow_id, data->'path' AS path, coalesce(data->>'outcome', '') = 'abandoned' AS abandoned, count(*) AS calls
         FROM calls WHERE ${PERIOD} GROUP BY 1, 2, 3`,
        period,
      );
      // Any later call from the same number, to any hotline, counts as a repeat (the index on the caller expression answers each probe).
      const firstContact = await client.query<{ k: keyof ReportFacts['firstContact']; calls: string }>(
        `SELECT CASE
                  WHEN c.caller IS NULL OR c.caller !~ '^\\+[0-9]{6,15}$' THEN 'unknownCaller'
                  WHEN EXISTS (SELECT 1 FROM calls r WHERE r.data->>'caller' = c.caller AND r.started_at > c.started_at AND r.started_at <= c.started_at + ${REPEAT_WINDOW_MS}) THEN 'repeated'
                  WHEN c.started_at + ${REPEAT_WINDOW_MS} <= $4 THEN 'resolved'
                  ELSE 'pending'
                END AS k, count(*) AS calls
         FROM (SELECT started_at, data->>'caller' AS caller FROM calls WHERE ${PERIOD}) c GROUP BY 1`,
        withNow,
      );
      const tickets = await client.query<{ category: TicketCategory; sla: SlaStatus; tickets: string }>(
        `SELECT category, CASE
                  WHEN status = 'resolved' THEN CASE WHEN coalesce(${RESOLVED_AT}, $4) <= due_at THEN 'met' ELSE 'breached' END
                  WHEN $4 > due_at THEN 'breached'
                  WHEN due_at - $4 <= ${DUE_SOON_MS} THEN 'due'
                  ELSE 'open'
                END AS sla, count(*) AS tickets
         FROM tickets t WHERE created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR hotline = $3) GROUP BY 1, 2`,
        withNow,
      );
      const surveys = await client.query<{ rating: number | null; answered: boolean; surveys: string }>(
        `SELECT s.rating, (s.rating IS NOT NULL OR s.comment IS NOT NULL) AS answered, count(*) AS surveys
         FROM surveys s JOIN calls c ON c.call_sid = s.call_sid
         WHERE c.started_at >= $1 AND c.started_at < $2 AND ($3::text IS NULL OR c.hotline = $3) GROUP BY 1, 2`,
        period,
      );
      // An overflow's wait is both queues' (totalWaitSec).
      const queueWaits = await client.query<{ hotline: string; answered: boolean; within: boolean; calls: string; wait_sec: string }>(
        `SELECT hotline, answered, waited <= ${ANSWERED_WITHIN_SEC} AS within, count(*) AS calls, sum(waited) AS wait_sec
         FROM (SELECT hotline, data->'queue'->>'result' = 'bridged' AS answered,
                      coalesce((data->'queue'->>'waitedSec')::numeric, 0) + coalesce((data->'queue'->'overflowedFrom'->>'waitedSec')::numeric, 0) AS waited
               FROM calls WHERE ${PERIOD} AND data->'queue'->>'result' IS NOT NULL) q
         GROUP BY 1, 2, 3`,
        period,
      );
      // A turn that answered a menu or an entry: keys or words, at the node named by `from`.
      const answers = await client.query<{ flow_id: string; node: string; via: AnswerVia; heard: HeardKind | null; low: boolean; turns: string }>(
        `SELECT c.data->>'flowId' AS flow_id, t.turn->>'from' AS node, CASE t.turn->>'input' WHEN 'digits' THEN 'keys' ELSE 'speech' END AS via,
                t.turn->>'heard' AS heard, coalesce(t.turn->'lowConfidence' = 'true'::jsonb, false) AS low, count(*) AS turns
         FROM calls c CROSS JOIN LATERAL jsonb_array_elements(c.data->'turns') AS t(turn)
         WHERE ${PERIOD} AND t.turn->>'input' IN ('digits', 'speech') AND t.turn->>'from' IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5`,
        period,
      );
      const distressed = await client.query<{ hotline: string; outcome: CallOutcome | null; calls: string }>(
        `SELECT hotline, data->>'outcome' AS outcome, count(*) AS calls FROM calls WHERE ${PERIOD} AND data->'distressed' = 'true'::jsonb GROUP BY 1, 2`,
        period,
      );
      // A record's variants: one row per split it went through (none for a record without, or a damaged one).
      const variantsOf = "jsonb_each_text(CASE WHEN jsonb_typeof(c.data->'variants') = 'object' THEN c.data->'variants' END) AS v(split, variant)";
      const variants = await client.query<{ split: string; variant: string; after_hours: boolean; in_progress: boolean; outcome: CallOutcome | null; calls: string }>(
        `SELECT v.split, v.variant, coalesce(c.data->'afterHours' = 'true'::jsonb, false) AS after_hours, coalesce(c.data->>'status' = 'in-progress', false) AS in_progress,
                c.data->>'outcome' AS outcome, count(*) AS calls
         FROM calls c CROSS JOIN LATERAL ${variantsOf} WHERE ${PERIOD} GROUP BY 1, 2, 3, 4, 5`,
        period,
      );
      const variantSurveys = await client.query<{ split: string; variant: string; rating: number | null; answered: boolean; surveys: string }>(
        `SELECT v.split, v.variant, s.rating, (s.rating IS NOT NULL OR s.comment IS NOT NULL) AS answered, count(*) AS surveys
         FROM surveys s JOIN calls c ON c.call_sid = s.call_sid CROSS JOIN LATERAL ${variantsOf}
         WHERE c.started_at >= $1 AND c.started_at < $2 AND ($3::text IS NULL OR c.hotline = $3) GROUP BY 1, 2, 3, 4`,
        period,
      );
      const fc = { unknownCaller: 0, repeated: 0, resolved: 0, pending: 0 };
      for (const row of firstContact.rows) fc[row.k] = Number(row.calls);
      return {
        slots: slots.rows.map((s) => ({ hotline: s.hotline, slot: Number(s.slot), calls: Number(s.calls) })),
        kinds: kinds.rows.map((k) => ({ afterHours: k.after_hours, inProgress: k.in_progress, outcome: k.outcome, calls: Number(k.calls) })),
        paths: paths.rows.map((g) => ({ flowId: g.flow_id, path: pathFrom(g.path), abandoned: g.abandoned, calls: Number(g.calls) })),
        firstContact: fc,
        tickets: tickets.rows.map((t) => ({ category: t.category, sla: t.sla, tickets: Number(t.tickets) })),
        surveys: surveys.rows.map((s) => ({ rating: s.rating === null ? null : Number(s.rating), answered: s.answered, surveys: Number(s.surveys) })),
        queueWaits: queueWaits.rows.map((g) => ({ hotline: g.hotline, answered: g.answered, withinThreshold: g.within, calls: Number(g.calls), waitSec: Number(g.wait_sec) })),
        answers: answers.rows.map((g) => ({ flowId: g.flow_id, node: g.node, via: g.via, heard: g.heard, lowConfidence: g.low, turns: Number(g.turns) })),
        distressed: distressed.rows.map((g) => ({ hotline: g.hotline, outcome: g.outcome, calls: Number(g.calls) })),
        variants: variants.rows.map((g) => ({ split: g.split, variant: g.variant, afterHours: g.after_hours, inProgress: g.in_progress, outcome: g.outcome, calls: Number(g.calls) })),
        variantSurveys: variantSurveys.rows.map((s) => ({ split: s.split, variant: s.variant, rating: s.rating === null ? null : Number(s.rating), answered: s.answered, surveys: Number(s.surveys) })),
      };
    }),
  };
}
