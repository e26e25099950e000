import { z } from 'zod';
import { CallOutcomeSchema, HeardKindSchema, type CallOutcome, type CallRecord, type HeardKind } from '../stores/calls/call-record';

/** How a caller answered a menu or an entry. */
export const AnswerViaSchema = z.enum(['keys', 'speech']);
export type AnswerVia = z.infer<typeof AnswerViaSchema>;

/**
 * Answers at one node of one entry flow, as the stores count them: by keys or words, a spoken
 * one by how it was understood (null for keys) and whether the recogniser was unsure.
 */
export type AnswerGroup = { flowId: string; node: string; via: AnswerVia; heard: HeardKind | null; lowConfidence: boolean; turns: number };
/** The distressed calls of a period by hotline and outcome (null: still undecided, in the flow). */
export type DistressGroup = { hotline: string; outcome: CallOutcome | null; calls: number };

const Rate = z.number().nullable();
const heardCounts = z.object(Object.fromEntries(HeardKindSchema.options.map((k) => [k, z.number().int()])) as Record<HeardKind, z.ZodNumber>);

/** One node's answers: the speech share, and of the spoken ones, no match and low confidence. */
export const NodeAnswersSchema = z.object({
  flowId: z.string().describe('The entry flow of the calls (subflow nodes count under the flow that called them).'),
  node: z.string().describe('The menu, entry or identity check that waited for the answer.'),
  answers: z.number().int(),
  keys: z.number().int(),
  speech: z.number().int(),
  speechShare: Rate.describe('speech ÷ answers.'),
  heard: heardCounts.describe('The spoken answers by how they were understood: an option chosen, a number said, yes, no, unsure ("did you mean…?"), no match.'),
  noMatchRate: Rate.describe('heard.noMatch ÷ speech: words that matched nothing (handled like an invalid key).'),
  lowConfidence: z.number().int().describe('Spoken answers the recogniser was less sure of than SPEECH_MIN_CONFIDENCE.'),
  lowConfidenceRate: Rate.describe('lowConfidence ÷ speech.'),
});
export type NodeAnswers = z.infer<typeof NodeAnswersSchema>;

export const AnswersFiguresSchema = z.object({
  byNode: z.array(NodeAnswersSchema).describe('Per entry flow and node, most answered first.'),
  speechShare: Rate.describe('Of every answer in the period, the share spoken.'),
});
export type AnswersFigures = z.infer<typeof AnswersFiguresSchema>;

export const DistressFiguresSchema = z.object({
  calls: z.number().int().describe('Calls whose caller sounded distressed (their transfer and tickets went one priority step up).'),
  inProgress: z.number().int().describe('Of them, still in the flow: no outcome yet.'),
  outcomes: z.record(CallOutcomeSchema, z.number().int()),
  byHotline: z.record(z.string(), z.number().int()),
});
export type DistressFigures = z.infer<typeof DistressFiguresSchema>;

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

/** The answers a call's turns gave, grouped as the SQL stores group them: turns by keys or words at a node that waited. */
export function answerGroups(calls: readonly CallRecord[]): AnswerGroup[] {
  const groups = new Map<string, AnswerGroup>();
  for (const c of calls) {
    for (const t of c.turns) {
      if (t.from === undefined || (t.input !== 'digits' && t.input !== 'speech')) continue;
      const via: AnswerVia = t.input === 'digits' ? 'keys' : 'speech';
      const g: AnswerGroup = { flowId: c.flowId, node: t.from, via, heard: t.heard ?? null, lowConfidence: t.lowConfidence === true, turns: 0 };
      const key = JSON.stringify([g.flowId, g.node, g.via, g.heard, g.lowConfidence]);
      const found = groups.get(key) ?? g;
      found.turns++;
      groups.set(key, found);
    }
  }
  return [...groups.values()];
}

/** The distressed calls, grouped as the SQL stores group them. */
export function distressGroups(calls: readonly CallRecord[]): DistressGroup[] {
  const groups = new Map<string, DistressGroup>();
  for (const c of calls) {
    if (!c.distressed) continue;
    const key = `${c.hotline} ${c.outcome}`;
    const g = groups.get(key) ?? { hotline: c.hotline, outcome: c.outcome ?? null, calls: 0 };
    g.calls++;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Per node: how callers answered it, and how well their words were understood. Pure. */
export function answersFigures(groups: readonly AnswerGroup[]): AnswersFigures {
  const nodes = new Map<string, { flowId: string; node: string; keys: number; speech: number; lowConfidence: number; heard: Record<HeardKind, number> }>();
  const known = new Set<string>(HeardKindSchema.options);
  for (const g of groups) {
    const key = `${g.flowId}\u0000${g.node}`;
    const n = nodes.get(key) ?? { flowId: g.flowId, node: g.node, keys: 0, speech: 0, lowConfidence: 0, heard: zeroes(HeardKindSchema.options) };
    nodes.set(key, n);
    n[g.via] += g.turns;
    if (g.via !== 'speech') continue;
    if (g.lowConfidence) n.lowConfidence += g.turns;
    // A summary no release wrote (a damaged record) counts as speech, understood as nothing known.
    if (g.heard !== null && known.has(g.heard)) n.heard[g.heard] += g.turns;
  }
  let answers = 0;
  let speech = 0;
  const byNode = [...nodes.values()].map((n): NodeAnswers => {
    const total = n.keys + n.speech;
    answers += total;
    speech += n.speech;
    return {
      flowId: n.flowId,
      node: n.node,
      answers: total,
      keys: n.keys,
      speech: n.speech,
      speechShare: ratio(n.speech, total),
      heard: n.heard,
      noMatchRate: ratio(n.heard.noMatch, n.speech),
      lowConfidence: n.lowConfidence,
      lowConfidenceRate: ratio(n.lowConfidence, n.speech),
    };
  });
  byNode.sort((a, b) => (a.flowId < b.flowId ? -1 : a.flowId > b.flowId ? 1 : b.answers - a.answers || (a.node < b.node ? -1 : 1)));
  return { byNode, speechShare: ratio(speech, answers) };
}

/** The distressed calls and how they came out. Pure. */
export function distressFigures(groups: readonly DistressGroup[]): DistressFigures {
  const out: DistressFigures = { calls: 0, inProgress: 0, outcomes: zeroes(CallOutcomeSchema.options), byHotline: {} };
  const known = new Set<string>(CallOutcomeSchema.options);
  for (const g of [...groups].sort((a, b) => (a.hotline < b.hotline ? -1 : a.hotline > b.hotline ? 1 : 0))) {
    out.calls += g.calls;
    out.byHotline[g.hotline] = (out.byHotline[g.hotline] ?? 0) + g.calls;
    if (g.outcome !== null && known.has(g.outcome)) out.outcomes[g.outcome] += g.calls;
    else out.inProgress += g.calls;
  }
  return out;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  return out;
}
