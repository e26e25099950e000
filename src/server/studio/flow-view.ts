import type { Diagnostic } from '../../diagnostics';
import type { CallCentre } from '../../call-centre/call-centre';
import type { Catalogue, FlowSource } from '../../flow/compile/flow-source';
import { flowDiagram } from '../../diagrams/diagram';
import { diffReleases, type FlowDiff, type ReleaseContent, type ReleaseDiff } from '../../releases/release-diff';
import type { Draft, DraftFlowFile } from './draft-flows';
import type { FlowList, FlowView, ViewDiagnostic, ViewNode } from './flow-view.schema';
import { nodeOptions, nodePrompts } from './node-words';

/** What the draft is compared with: the active release's flows, or those the server started with. */
export type Published = { flows: ReadonlyMap<string, FlowSource>; catalogue: Catalogue; centre: CallCentre; baseline: 'release' | 'start' };

const contentOf = (flows: Iterable<FlowSource>, catalogue: Catalogue): ReleaseContent => ({
  // No file hashes: the studio marks flow changes, not comment or layout ones.
  manifest: [],
  flows: new Map([...flows].map((s) => [s.flow.id, { flow: s.flow, file: s.source.file }])),
  catalogue: Object.fromEntries(Object.entries(catalogue).map(([lang, c]) => [lang, c.entries])),
});

/** The draft against the published flows, in the release desk's terms (release-diff.ts). */
export function draftDiff(draft: Draft, published: Published): ReleaseDiff {
  const parsed = draft.flows.flatMap((f) => (f.source ? [f.source] : []));
  return diffReleases(contentOf(published.flows.values(), published.catalogue), contentOf(parsed, draft.catalogue));
}

/** Which node of a flow file a line belongs to: from its key's line to the next node's. */
function nodeAtLine(file: DraftFlowFile): (line: number) => string | undefined {
  const source = file.source;
  if (!source) return () => undefined;
  const starts = Object.keys(source.flow.nodes)
    .map((id) => ({ id, line: source.source.locate(['nodes', id], 'key').line }))
    .sort((a, b) => a.line - b.line);
  return (line) => starts.filter((s) => s.line <= line).at(-1)?.id;
}

function diagnosticsOf(file: DraftFlowFile, all: readonly Diagnostic[]): ViewDiagnostic[] {
  const nodeAt = nodeAtLine(file);
  return all.filter((d) => d.file === file.file).map((d) => ({ ...d, ...(nodeAt(d.line) ? { node: nodeAt(d.line) } : {}) }));
}

export function flowList(draft: Draft, published: Published, diff: ReleaseDiff): FlowList {
  const changeOf = (id: string) => diff.flows.find((f) => f.id === id)?.change ?? 'same';
  const flows: FlowList['flows'] = draft.flows.map((f) => ({
    id: f.id,
    file: f.file,
    ...(f.source?.flow.description ? { description: f.source.flow.description } : {}),
    hotlines: draft.hotlines.filter((h) => h.flow === f.id || h.afterHoursFlow === f.id).map((h) => h.id),
    errors: draft.diagnostics.filter((d) => d.file === f.file).length,
    change: changeOf(f.id),
  }));
  // The hotlines' own flows first, in hotlines.yaml's order (the general line leads), then the rest.
  const rank = (id: string) => {
    const i = draft.hotlines.findIndex((h) => h.flow === id);
    return i < 0 ? draft.hotlines.length : i;
  };
  flows.sort((a, b) => rank(a.id) - rank(b.id));
  for (const d of diff.flows) if (d.change === 'removed') flows.push({ id: d.id, file: published.flows.get(d.id)?.source.file ?? '', hotlines: [], errors: 0, change: 'removed' });
  return { flows, errors: draft.diagnostics.length, baseline: published.baseline };
}

/** One flow of the draft, drawn as `ivr diagram` draws it; undefined when the draft has no such file. */
export function flowView(id: string, draft: Draft, published: Published, diff: ReleaseDiff): FlowView | undefined {
  const file = draft.flows.find((f) => f.id === id);
  if (!file) return undefined;
  const flowDiff: FlowDiff | undefined = diff.flows.find((f) => f.id === id);
  const diagnostics = diagnosticsOf(file, draft.diagnostics);
  // Problems in other files (hotlines, catalogues) may stop the whole draft: shown with the flow.
  const elsewhere = draft.diagnostics.filter((d) => !draft.flows.some((f) => f.file === d.file));
  const base = { id, file: file.file, baseline: published.baseline, change: flowDiff?.change ?? ('same' as const) };
  if (!file.source) return { ...base, languages: [], nodes: [], arrows: [], diagnostics: [...diagnostics, ...elsewhere], removed: [] };

  const { flow, source } = file.source;
  const diagram = flowDiagram(id, new Map([[id, file.source]]), draft.centre ?? published.centre);
  const changedKeys = new Set(diff.catalogue.flatMap((c) => [...c.added, ...c.changed, ...c.removed]));
  const nodeChanges = flowDiff?.change === 'changed' ? flowDiff.nodes : [];
  const nodes: ViewNode[] = diagram.boxes.map((box) => {
    const node = flow.nodes[box.id];
    const prompts = nodePrompts(node, flow.languages, draft.catalogue);
    const changes = nodeChanges.filter((c) => c.node === box.id);
    const added = flowDiff?.change === 'added' || changes.some((c) => c.kind === 'added');
    const changed = changes.length > 0 || prompts.some((p) => p.keys.some((k) => changedKeys.has(k)));
    return {
      id: box.id,
      type: node.type,
      kind: box.kind,
      detail: box.detail,
      ...(box.link ? { calls: box.link } : {}),
      file: source.file,
      line: source.locate(['nodes', box.id], 'key').line,
      prompts,
      options: nodeOptions(node),
      exits: diagram.arrows.filter((a) => a.from === box.id),
      diagnostics: diagnostics.filter((d) => d.node === box.id),
      ...(added ? { diff: 'added' as const } : changed ? { diff: 'changed' as const } : {}),
    };
  });
  return {
    ...base,
    start: flow.start,
    languages: flow.languages,
    nodes,
    // An arrow to a node that does not exist (a draft error) has nothing to end on in a diagram.
    arrows: diagram.arrows.filter((a) => a.to in flow.nodes),
    diagnostics: [...diagnostics.filter((d) => !d.node), ...elsewhere],
    removed: nodeChanges.flatMap((c) => (c.kind === 'removed' ? [c.node] : [])),
  };
}
