import type { PathGroup } from './report-facts';

export type PathCount = { path: string[]; calls: number };
export type FunnelStep = { node: string; reached: number; hungUpHere: number; dropRate: number };

/** The most frequent node paths through the flows, most frequent first (ties by path). Pure. */
export function topPaths(groups: readonly PathGroup[], limit = 10): PathCount[] {
  const counts = new Map<string, PathCount>();
  for (const g of groups) {
    if (g.path.length === 0) continue;
    const key = g.path.join('\u0000');
    const entry = counts.get(key) ?? { path: g.path, calls: 0 };
    entry.calls += g.calls;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.calls - a.calls || (a.path.join(' ') < b.path.join(' ') ? -1 : 1)).slice(0, limit);
}

/**
 * Where callers hang up, per entry flow: for each node, the calls that reached it and the
 * abandoned calls whose last node it was (they hung up while it played or waited). Nodes in
 * the order most reached first. Pure.
 */
export function dropOffFunnel(groups: readonly PathGroup[]): Record<string, FunnelStep[]> {
  const flows = new Map<string, Map<string, { reached: number; hungUpHere: number }>>();
  for (const g of groups) {
    const nodes = flows.get(g.flowId) ?? new Map<string, { reached: number; hungUpHere: number }>();
    flows.set(g.flowId, nodes);
    for (const node of new Set(g.path)) {
      const step = nodes.get(node) ?? { reached: 0, hungUpHere: 0 };
      step.reached += g.calls;
      nodes.set(node, step);
    }
    const last = g.path.at(-1);
    if (g.abandoned && last !== undefined) nodes.get(last)!.hungUpHere += g.calls;
  }
  const funnel: Record<string, FunnelStep[]> = {};
  for (const [flowId, nodes] of [...flows].sort(([a], [b]) => (a < b ? -1 : 1))) {
    funnel[flowId] = [...nodes]
      .map(([node, s]) => ({ node, reached: s.reached, hungUpHere: s.hungUpHere, dropRate: s.hungUpHere / s.reached }))
      .sort((a, b) => b.reached - a.reached || b.hungUpHere - a.hungUpHere || (a.node < b.node ? -1 : 1));
  }
  return funnel;
}
