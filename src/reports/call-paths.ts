import type { CallRecord } from '../stores/calls/call-record';

export type PathCount = { path: string[]; calls: number };
export type FunnelStep = { node: string; reached: number; hungUpHere: number; dropRate: number };

/** The most frequent node paths through the flows, most frequent first (ties by path). Pure. */
export function topPaths(calls: readonly CallRecord[], limit = 10): PathCount[] {
  const counts = new Map<string, PathCount>();
  for (const c of calls) {
    if (c.path.length === 0) continue;
    const key = c.path.join('\u0000');
    const entry = counts.get(key) ?? { path: c.path, calls: 0 };
    entry.calls++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.calls - a.calls || (a.path.join(' ') < b.path.join(' ') ? -1 : 1)).slice(0, limit);
}

/**
 * Where callers hang up, per entry flow: for each node, the calls that reached it and the
 * abandoned calls whose last node it was (they hung up while it played or waited). Nodes in
 * the order most reached first. Pure.
 */
export function dropOffFunnel(calls: readonly CallRecord[]): Record<string, FunnelStep[]> {
  const flows = new Map<string, Map<string, { reached: number; hungUpHere: number }>>();
  for (const c of calls) {
    const nodes = flows.get(c.flowId) ?? new Map<string, { reached: number; hungUpHere: number }>();
    flows.set(c.flowId, nodes);
    for (const node of new Set(c.path)) {
      const step = nodes.get(node) ?? { reached: 0, hungUpHere: 0 };
      step.reached++;
      nodes.set(node, step);
    }
    const last = c.path.at(-1);
    if (c.outcome === 'abandoned' && last !== undefined) nodes.get(last)!.hungUpHere++;
  }
  const funnel: Record<string, FunnelStep[]> = {};
  for (const [flowId, nodes] of [...flows].sort(([a], [b]) => (a < b ? -1 : 1))) {
    funnel[flowId] = [...nodes]
      .map(([node, s]) => ({ node, reached: s.reached, hungUpHere: s.hungUpHere, dropRate: s.hungUpHere / s.reached }))
      .sort((a, b) => b.reached - a.reached || b.hungUpHere - a.hungUpHere || (a.node < b.node ? -1 : 1));
  }
  return funnel;
}
