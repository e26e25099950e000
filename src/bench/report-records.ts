import type { Survey } from '../services/survey/survey.schema';
import type { Ticket } from '../services/tickets/ticket.schema';
import { CallOutcomeSchema, HeardKindSchema, type CallRecord, type TurnEntry } from '../stores/calls/call-record';
import { seededRandom } from '../platform/seeded-random';

const HOTLINES = ['general', 'commerce', 'enterprise', 'international'] as const;
/** The shipped ticket categories (flows/ticket-categories.yaml) the generated tickets spread over. */
const CATEGORIES = ['account', 'appeal', 'commerce', 'emergency', 'complaint', 'callback', 'voicemail', 'other'] as const;
const PATHS = [
  ['welcome', 'peak_check', 'main_menu'],
  ['welcome', 'peak_check', 'main_menu', 'account_menu', 'verify', 'reset_link'],
  ['welcome', 'main_menu', 'appeal', 'ticket'],
  ['hours', 'menu', 'voicemail'],
  ['welcome', 'main_menu', 'person'],
  [],
];

export type GeneratedRecords = { calls: CallRecord[]; tickets: Ticket[]; surveys: Survey[] };

/**
 * Call records, tickets and surveys spread over `days` days from `from`, shaped like the shipped
 * hotlines' (repeat callers, withheld numbers, calls in progress, tickets resolved late or not at
 * all, surveys rated, commented or ignored): for the report's SQL checks and its benchmark.
 */
export function generateReportRecords(opts: { count: number; from: number; days: number; seed?: number }): GeneratedRecords {
  const r = seededRandom(opts.seed ?? 1);
  const span = opts.days * 86_400_000;
  // About a third of the callers call more than once, so first-contact resolution has repeats to find.
  const callers = Array.from({ length: Math.max(1, Math.floor(opts.count * 0.7)) }, (_, i) => `+86139${String(10_000_000 + i).slice(-8)}`);
  const calls: CallRecord[] = [];
  const tickets: Ticket[] = [];
  const surveys: Survey[] = [];
  for (let i = 0; i < opts.count; i++) {
    const startedAt = opts.from + r.int(0, span - 1);
    const hotline = r.pick(HOTLINES);
    const caller = r.next() < 0.03 ? r.pick(['anonymous', '+266696687', 'client:agent']) : r.pick(callers);
    const inProgress = r.next() < 0.02;
    const outcome = inProgress && r.next() < 0.5 ? undefined : r.pick(CallOutcomeSchema.options);
    const path = r.pick(PATHS);
    const callSid = `CA${i.toString(16).padStart(32, '0')}`;
    const ticketIds: string[] = [];
    if (outcome === 'ticket' || outcome === 'voicemail') {
      const id = String(20_000_000 + i);
      ticketIds.push(id);
      const category = r.pick(CATEGORIES);
      const slaMinutes = r.pick([15, 240, 1440, 2880]);
      const dueAt = startedAt + slaMinutes * 60_000;
      const resolved = r.next() < 0.6;
      const resolvedAt = startedAt + r.int(1, slaMinutes * 2) * 60_000;
      tickets.push({
        id, key: `${callSid}/t`, hotline, category, priority: 'normal', status: resolved ? 'resolved' : r.pick(['open', 'in_progress'] as const), callSid, callerPhone: caller,
        lang: 'zh-CN', summary: 'generated', path, vars: {}, createdAt: startedAt + 30_000, dueAt, slaMinutes,
        notes: resolved ? [{ at: resolvedAt - 60_000, text: 'called back', status: 'in_progress' }, { at: resolvedAt, text: 'done', status: 'resolved' }] : [],
      });
    }
    calls.push({
      callSid, hotline, caller, dialled: '+864000066888', lang: 'zh-CN', flowId: hotline === 'commerce' ? 'commerce' : 'general', flowVersion: 'v1',
      afterHours: r.next() < 0.1, startedAt, ...(inProgress ? {} : { endedAt: startedAt + 90_000, durationSec: 90 }), status: inProgress ? 'in-progress' : 'completed',
      ...(outcome ? { outcome } : {}), path, turns: answerTurns(i, startedAt, path), ticketIds, faults: 0,
      ...(i % 11 === 0 ? { distressed: true as const } : {}),
      // An A/B split on the general line: drawn from `i`, not the generator, so the other figures stay as they were.
      ...(hotline !== 'commerce' && i % 3 !== 0 ? { variants: { 'general/greeting_test': i % 5 < 2 ? 'short' : 'current' } } : {}),
      // Transferred calls waited in a queue; drawn from `i`, not the generator, so the other figures stay as they were.
      ...(outcome === 'transferred' ? { queue: queueStay(i) } : {}),
    });
    if (!inProgress && r.next() < 0.5) {
      const answer = r.next();
      surveys.push({
        callSid, phone: caller, hotline, lang: 'zh-CN', smsKey: `${callSid}/survey`, createdAt: startedAt + 120_000,
        ...(answer < 0.4 ? { rating: r.int(1, 5), ratedAt: startedAt + 300_000 } : {}),
        ...(answer > 0.3 && answer < 0.5 ? { comment: 'ok', commentedAt: startedAt + 300_000 } : {}),
      });
    }
  }
  return { calls, tickets, surveys };
}

/** A transferred call's stay in a queue: answered or not, 0 to 89 s, every fifth after an overflow from another queue. */
function queueStay(i: number): NonNullable<CallRecord['queue']> {
  return {
    id: 'general',
    result: i % 3 === 0 ? 'hangup' : 'bridged',
    waitedSec: (i * 7) % 90,
    ...(i % 5 === 0 ? { overflowedFrom: { id: 'account', result: 'max-wait', waitedSec: 30 } } : {}),
  };
}

const WAITS_FOR_ANSWERS: ReadonlySet<string> = new Set(['main_menu', 'account_menu', 'menu', 'verify']);

/**
 * The ring and an answer at each menu or entry of the path, by keys or words (understood in each
 * way, some with low confidence). Drawn from `i`, not the generator, so the other figures stay as they were.
 */
function answerTurns(i: number, startedAt: number, path: readonly string[]): TurnEntry[] {
  const turns: TurnEntry[] = [{ n: 0, at: startedAt, input: 'call', node: path[0] ?? '', result: 'waiting', ms: 20 }];
  path.forEach((node, k) => {
    if (!WAITS_FOR_ANSWERS.has(node)) return;
    const spoken = (i + k) % 3 === 0;
    const heard = HeardKindSchema.options[(Math.floor(i / 3) + k) % HeardKindSchema.options.length];
    turns.push({
      n: turns.length, at: startedAt + turns.length * 10_000, input: spoken ? 'speech' : 'digits', node: path[k + 1] ?? node, from: node,
      ...(spoken ? { heard, ...(i % 5 === 0 ? { lowConfidence: true as const } : {}) } : {}), result: 'waiting', ms: 30,
    });
  });
  return turns;
}
