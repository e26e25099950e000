import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../platform/clock';
import type { TicketStore } from '../services/tickets/ticket-store';

/**
 * The Prometheus metrics of one app instance, in their own registry (never prom-client's global
 * one), so two apps in one process, as in the tests, count apart. Label values come from the flow
 * files and the fixed enums (hotline ids, node ids, keys a menu offers, outcomes, categories,
 * queues, SMS kinds), never from callers, so the number of series stays bounded.
 */
export function createMetrics(opts: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  // Node's own: CPU, memory, event loop lag, GC, handles. Off by default: each set installs
  // observers, which a test creating hundreds of apps does not need; `ivr serve` turns it on.
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let ticketSource: { tickets: TicketStore; clock: Clock; categories: readonly string[] } | undefined;

  return {
    registry,
    callsStarted: new Counter({ name: 'ivr_calls_started_total', help: 'Calls answered, by hotline and whether it was outside service hours.', labelNames: ['hotline', 'after_hours'] as const, registers }),
    callsEnded: new Counter({ name: 'ivr_calls_ended_total', help: "Calls closed by Twilio's status callback, by hotline and outcome.", labelNames: ['hotline', 'outcome'] as const, registers }),
    callsInProgress: new Gauge({ name: 'ivr_calls_in_progress', help: 'Calls answered by this server and not yet closed (sum over servers for the whole).', labelNames: ['hotline'] as const, registers }),
    turnSeconds: new Histogram({
      name: 'ivr_turn_duration_seconds',
      help: 'Time from a webhook to its TwiML reply, effects included, by hotline and input kind.',
      labelNames: ['hotline', 'input'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    menuChoices: new Counter({ name: 'ivr_menu_choices_total', help: 'Keys pressed at menus that the menu offers (and the person and repeat keys), by flow file, node and key.', labelNames: ['flow', 'node', 'key'] as const, registers }),
    invalidInputs: new Counter({ name: 'ivr_invalid_inputs_total', help: 'Entries a menu does not offer or a gather does not accept, by flow file and node.', labelNames: ['flow', 'node'] as const, registers }),
    noInputs: new Counter({ name: 'ivr_no_inputs_total', help: 'Silences where a menu, gather or identity check waited for keys, by flow file and node.', labelNames: ['flow', 'node'] as const, registers }),
    answers: new Counter({
      name: 'ivr_answers_total',
      help: 'Answers to a menu, a number entry or the identity check, by flow file, node and how the caller answered (via: keys or speech); the speech share of a node is its via="speech" over both.',
      labelNames: ['flow', 'node', 'via'] as const,
      registers,
    }),
    spokenTurns: new Counter({
      name: 'ivr_spoken_turns_total',
      help: 'Spoken answers by flow file, node and how they were understood: choice, digits (a number said aloud), yes, no, unsure (asked "did you mean…?"), noMatch.',
      labelNames: ['flow', 'node', 'result'] as const,
      registers,
    }),
    lowConfidenceTurns: new Counter({
      name: 'ivr_spoken_low_confidence_total',
      help: "Spoken answers whose recogniser Confidence was below SPEECH_MIN_CONFIDENCE, by flow file and node.",
      labelNames: ['flow', 'node'] as const,
      registers,
    }),
    distressedCalls: new Counter({
      name: 'ivr_distressed_calls_total',
      help: 'Calls whose caller sounded distressed (flows/speech/<lang>.yaml distress words), counted once per call at the first such turn, by hotline: their transfer and tickets went one priority step up.',
      labelNames: ['hotline'] as const,
      registers,
    }),
    ticketsCreated: new Counter({ name: 'ivr_tickets_created_total', help: 'Tickets opened by calls and queue call-backs, by category.', labelNames: ['category'] as const, registers }),
    ticketsBreached: new Gauge({
      name: 'ivr_tickets_sla_breached',
      help: 'Tickets not resolved and past their SLA due time, by category (read from the ticket store at each scrape).',
      labelNames: ['category'] as const,
      registers,
      async collect() {
        if (!ticketSource) return;
        // One GROUP BY count, not the tickets themselves: a scrape must not load a backlog into the process.
        const overdue = await ticketSource.tickets.countOverdue(ticketSource.clock.now());
        // Every category of ticket-categories.yaml has a value (0 when none is overdue), and one a
        // ticket still has after its category was removed from the file is counted too.
        for (const category of new Set([...ticketSource.categories, ...Object.keys(overdue)])) this.set({ category }, overdue[category] ?? 0);
      },
    }),
    smsSent: new Counter({ name: 'ivr_sms_sent_total', help: 'SMS the provider accepted, by kind (otp, ticket, survey, reset_link…).', labelNames: ['kind'] as const, registers }),
    smsFailed: new Counter({ name: 'ivr_sms_failed_total', help: 'SMS sends the provider refused or that failed (each attempt), by kind.', labelNames: ['kind'] as const, registers }),
    smsRefused: new Counter({
      name: 'ivr_sms_refused_total',
      help: 'SMS the SMS guard refused before they were queued or sent (nothing charged), by kind and reason (country_not_allowed, number_type_not_allowed, destination_cap…).',
      labelNames: ['kind', 'reason'] as const,
      registers,
    }),
    splitCallsEnded: new Counter({
      name: 'ivr_split_calls_ended_total',
      help: 'Calls closed that an A/B split node sent down a variant, by flow file, node, variant and outcome (self-served, transferred, ticket, voicemail, abandoned): a variant\'s self-service rate is its self-served+ticket+voicemail over all but after-hours.',
      labelNames: ['flow', 'node', 'variant', 'outcome'] as const,
      registers,
    }),
    splitSurveyRatings: new Histogram({
      name: 'ivr_split_survey_rating',
      help: 'Ratings (1-5) texted back for calls an A/B split node sent down a variant, by flow file, node and variant (sum over count: the average).',
      labelNames: ['flow', 'node', 'variant'] as const,
      buckets: [1, 2, 3, 4, 5],
      registers,
    }),
    surveyRatings: new Histogram({ name: 'ivr_survey_rating', help: 'Ratings (1-5) callers texted back to the satisfaction SMS.', buckets: [1, 2, 3, 4, 5], registers }),
    callRecordProblems: new Counter({
      name: 'ivr_call_record_problems_total',
      help: 'Call records that could not be kept: a turn or fault write that failed (the caller was answered anyway), a stored record that no longer decodes (left out of lists), by kind.',
      labelNames: ['kind'] as const,
      registers,
    }),
    callbacksPlaced: new Counter({ name: 'ivr_callbacks_placed_total', help: 'Call backs Twilio accepted (each attempt), by ticket category.', labelNames: ['category'] as const, registers }),
    callbacksFirstPlaced: new Counter({
      name: 'ivr_callbacks_first_placed_total',
      help: "First calls of call backs, by ticket category and whether placed within the ticket's promise (emergencies: 15 minutes). within_promise=\"true\" over all: the share kept.",
      labelNames: ['category', 'within_promise'] as const,
      registers,
    }),
    callbacksAnswered: new Counter({ name: 'ivr_callbacks_answered_total', help: 'Call backs a person answered (put through to an agent), by ticket category.', labelNames: ['category'] as const, registers }),
    callbacksExhausted: new Counter({ name: 'ivr_callbacks_exhausted_total', help: 'Call backs given up after their last attempt (customer texted, ticket left open), by ticket category.', labelNames: ['category'] as const, registers }),
    queueTransfers: new Counter({ name: 'ivr_queue_transfers_total', help: 'Callers put through to an agent queue, by queue.', labelNames: ['queue'] as const, registers }),
    transfers: new Counter({
      name: 'ivr_transfers_total',
      help: 'Transfers by hotline, kind (queue, number) and result: enqueued for a queue; answered, busy, no-answer, failed or canceled for a dialled number, counted when the dial ends.',
      labelNames: ['hotline', 'kind', 'result'] as const,
      registers,
    }),
    queueWait: new Histogram({
      name: 'ivr_queue_wait_seconds',
      help: "Time callers waited in an agent queue (Twilio's QueueTime), by queue and how the wait ended (bridged, hangup, leave, max-wait, closed, overflow, queue-full…).",
      labelNames: ['queue', 'result'] as const,
      buckets: [5, 15, 30, 60, 120, 300, 600, 1200],
      registers,
    }),
    queueAbandoned: new Counter({ name: 'ivr_queue_abandoned_total', help: 'Callers who hung up while waiting in an agent queue (QueueResult=hangup), by queue.', labelNames: ['queue'] as const, registers }),

    /** Where the SLA gauge reads tickets from at each scrape, and the categories it always reports. */
    watchTickets(tickets: TicketStore, clock: Clock, categories: Iterable<string>): void {
      ticketSource = { tickets, clock, categories: [...categories] };
    },
  };
}
export type IvrMetrics = ReturnType<typeof createMetrics>;
