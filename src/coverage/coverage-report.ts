import { relative } from 'node:path';
import { z } from 'zod';
import { edgeKey, saidKey, type CoverageRecorder } from './coverage-recorder';
import { isIntent } from './flow-graph';

export const CountSchema = z.object({
  hit: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** 100 when there is nothing to cover. */
  percent: z.number().min(0).max(100),
});
export type Count = z.infer<typeof CountSchema>;

export const FlowCoverageSchema = z.object({
  flow: z.string(),
  file: z.string(),
  nodes: CountSchema,
  /** The exits `ivr validate` knows (menu keys, outcomes, `next`…), one per node and label. */
  transitions: CountSchema,
  unreachedNodes: z.array(z.string()),
  /** `node --label--> target` */
  untakenTransitions: z.array(z.string()),
  /**
   * The person key wherever the engine adds it (every menu, gather and identity question), one edge
   * per node: counted, since a caller may press it anywhere.
   */
  personKeys: CountSchema,
  /** `node --key 0--> target` */
  untakenPersonKeys: z.array(z.string()),
  /** Routes the engine adds (the person key, default failure routes) that calls took. */
  implicitTaken: z.array(z.string()),
  /**
   * Choices made by words (docs/testing-flows.md): `said <key>` for each option with phrases of a
   * menu that listens, and, in a flow with such a menu, `said person` / `said emergency` once for
   * the whole flow. 0/0 (100 %) in a flow that takes keys only.
   */
  said: CountSchema,
  /** `node --said 1--> target`, `(any spoken menu) --said person--> agent` */
  untakenSaid: z.array(z.string()),
});
export type FlowCoverage = z.infer<typeof FlowCoverageSchema>;

export const CoverageReportSchema = z.object({
  flows: z.array(FlowCoverageSchema),
  nodes: CountSchema,
  transitions: CountSchema,
  personKeys: CountSchema,
  said: CountSchema,
  /** Turns the recorder could not attribute; any makes the figures suspect. */
  problems: z.array(z.string()),
});
export type CoverageReport = z.infer<typeof CoverageReportSchema>;

const count = (hit: number, total: number): Count => ({
  hit,
  total,
  percent: total === 0 ? 100 : Math.floor((hit / total) * 1000) / 10,
});

/** Per flow file (sorted by file), what the recorded calls reached and what they missed. */
export function coverageReport(recorder: CoverageRecorder): CoverageReport {
  const flows = [...recorder.graph.values()]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((flow): FlowCoverage => {
      const reached = recorder.reachedNodes(flow.id);
      const taken = recorder.takenExits(flow.id);
      const ids = Object.keys(flow.nodes);
      const exits = Object.values(flow.nodes).flatMap((n) => n.exits.map((e) => edgeKey({ ...e, node: n.id })));
      const uniqueExits = [...new Set(exits)];
      const implicitTaken = recorder.takenImplicit(flow.id);
      const personKeys = Object.values(flow.nodes).flatMap((n) => n.implicit.filter((e) => e.key !== undefined).map((e) => edgeKey({ ...e, node: n.id })));
      const saidTaken = recorder.takenSaid(flow.id);
      const options = Object.values(flow.nodes).flatMap((n) => n.said.filter((e) => !isIntent(e.said)).map((e) => saidKey({ ...e, node: n.id })));
      const said = [...options, ...flow.intents.map((e) => saidKey({ ...e, node: '' }))];
      return {
        flow: flow.id,
        file: relative(process.cwd(), flow.file) || flow.file,
        nodes: count(ids.filter((id) => reached.has(id)).length, ids.length),
        transitions: count(uniqueExits.filter((e) => taken.has(e)).length, uniqueExits.length),
        unreachedNodes: ids.filter((id) => !reached.has(id)),
        untakenTransitions: uniqueExits.filter((e) => !taken.has(e)),
        personKeys: count(personKeys.filter((e) => implicitTaken.has(e)).length, personKeys.length),
        untakenPersonKeys: personKeys.filter((e) => !implicitTaken.has(e)),
        implicitTaken: [...implicitTaken].sort(),
        said: count(said.filter((e) => saidTaken.has(e)).length, said.length),
        untakenSaid: said.filter((e) => !saidTaken.has(e)),
      };
    });
  return { flows, ...totals(flows), problems: [...recorder.problems] };
}

/** The counts of several flow files added up. */
function totals(flows: readonly FlowCoverage[]): Pick<CoverageReport, 'nodes' | 'transitions' | 'personKeys' | 'said'> {
  const sum = (pick: (f: FlowCoverage) => Count) =>
    count(
      flows.reduce((n, f) => n + pick(f).hit, 0),
      flows.reduce((n, f) => n + pick(f).total, 0),
    );
  return { nodes: sum((f) => f.nodes), transitions: sum((f) => f.transitions), personKeys: sum((f) => f.personKeys), said: sum((f) => f.said) };
}

/** The report for some flows only (a hotline's), totals recomputed. */
export function onlyFlows(report: CoverageReport, ids: ReadonlySet<string>): CoverageReport {
  const flows = report.flows.filter((f) => ids.has(f.flow));
  return { flows, ...totals(flows), problems: report.problems };
}

/** What is counted, in the order it is reported: the one definition `ivr test` and the jest check share. */
export const COVERED = ['nodes', 'transitions', 'personKeys', 'said'] as const;
const COVERED_NAMES: Record<(typeof COVERED)[number], string> = { nodes: 'nodes', transitions: 'transitions', personKeys: 'person keys', said: 'said' };

/** Flow files with any of nodes, transitions, person keys or choices said under `min` percent, and which. */
export function filesBelow(report: CoverageReport, min: number): Array<FlowCoverage & { below: string[] }> {
  return report.flows.flatMap((f) => {
    const below = COVERED.filter((c) => f[c].percent < min).map((c) => `${COVERED_NAMES[c]} ${f[c].percent}%`);
    return below.length ? [{ ...f, below }] : [];
  });
}

/** The report as a terminal table, then what is missing, file by file. */
export function formatCoverageTable(report: CoverageReport): string {
  const cell = (c: Count) => `${c.hit}/${c.total} ${c.percent.toFixed(c.percent === 100 ? 0 : 1)}%`;
  // The `said` column only where some flow listens: a keys-only project reads as it always did.
  const spoken = report.said.total > 0;
  const saidCell = (c: Count) => (spoken ? [cell(c)] : []);
  const rows = [
    ['file', 'nodes', 'transitions', 'person keys', ...(spoken ? ['said'] : []), 'unreached nodes'],
    ...report.flows.map((f) => [f.file, cell(f.nodes), cell(f.transitions), cell(f.personKeys), ...saidCell(f.said), f.unreachedNodes.join(', ') || '-']),
    ['all files', cell(report.nodes), cell(report.transitions), cell(report.personKeys), ...saidCell(report.said), ''],
  ];
  // The last column (unreached nodes) is left ragged: it can be long.
  const widths = rows[0].map((h, i) => (i === rows[0].length - 1 ? h.length : Math.max(...rows.map((r) => r[i].length))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1, -1).map(line), line(rows[rows.length - 1])];
  for (const f of report.flows) {
    if (f.untakenTransitions.length) out.push('', `${f.file}: transitions never taken`, ...f.untakenTransitions.map((t) => `  ${t}`));
    if (f.untakenPersonKeys.length) out.push('', `${f.file}: person key never pressed at`, ...f.untakenPersonKeys.map((t) => `  ${t}`));
    if (f.untakenSaid.length) out.push('', `${f.file}: never chosen by words`, ...f.untakenSaid.map((t) => `  ${t}`));
  }
  if (report.problems.length) out.push('', 'turns the recorder could not attribute:', ...report.problems.map((p) => `  ${p}`));
  return out.join('\n');
}
