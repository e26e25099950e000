import type { FlowSource } from '../flow/compile/flow-source';
import type { FlowNode } from '../flow/schema/flow.schema';

/** One node the call went through, and the menu key that led on from it where the flow tells. */
export type PathStep = { node: string; type?: string; chose?: string };

/**
 * The call's path (node ids, as the record keeps them) with each node's type and, after a menu,
 * the key that leads to the next node on the path: the record holds no keys, but a menu whose
 * options name the next node says which was pressed (or the flow's person key). Nodes are looked
 * up in the call's flow, then in the flows it calls; nothing is guessed when the flow is unknown
 * or two keys lead to the same node.
 */
export function pathSteps(path: readonly string[], flowId: string, flows: ReadonlyMap<string, FlowSource>): PathStep[] {
  const nodes = new Map<string, { node: FlowNode; human?: { key: string; target: string } }>();
  const seen = new Set<string>();
  const collect = (id: string) => {
    const src = flows.get(id);
    if (!src || seen.has(id)) return;
    seen.add(id);
    const human = src.flow.globals.human;
    for (const [nid, node] of Object.entries(src.flow.nodes)) if (!nodes.has(nid)) nodes.set(nid, { node, ...(human ? { human } : {}) });
    for (const node of Object.values(src.flow.nodes)) if (node.type === 'subflow') collect(node.flow);
  };
  collect(flowId);
  return path.map((id, i) => {
    const found = nodes.get(id);
    if (!found) return { node: id };
    const next = path[i + 1];
    const chose = next === undefined || found.node.type !== 'menu' ? undefined : keyTo(found.node.options, next, found.human);
    return { node: id, type: found.node.type, ...(chose !== undefined ? { chose } : {}) };
  });
}

function keyTo(options: Readonly<Record<string, string>>, target: string, human?: { key: string; target: string }): string | undefined {
  const keys = Object.entries(options).filter(([, t]) => t === target).map(([k]) => k);
  if (human && human.target === target && !keys.includes(human.key)) keys.push(human.key);
  return keys.length === 1 ? keys[0] : undefined;
}
