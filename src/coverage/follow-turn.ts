import { samePosition, top, type Position, type Rest } from './call-position';
import type { Edge, FlowGraph } from './flow-graph';

/** An edge as taken: which node of which flow file it leaves. */
export type TakenEdge = Edge & { flow: string; node: string };

/**
 * What made a turn's first move, as far as coverage tells edges apart: keys pressed, an option or
 * intent chosen by words (`said`: its key, "person" or "emergency"), a number said aloud (which
 * digits is not known: a spoken number may be a code), or nothing that picks an edge (silence,
 * words not understood, an effect's result).
 */
export type TurnCause = { keys: string } | { said: string } | { saidDigits: true } | undefined;

/** One step of a call from node to node; `edge` is absent for entering a flow (its start node). */
export type Move = { from: Position; to: Position; edge?: TakenEdge };

type Next = { to: Position; edge?: TakenEdge };

/**
 * Where a call can go next from a position. A `subflow` node can only enter the flow it calls; a
 * `return` node leaves by the calling node's exit for its outcome, one frame up. Before the first
 * node (an empty position) the only way is the root flow's start.
 */
export function successors(graph: FlowGraph, root: string, p: Position): Next[] {
  const here = top(p);
  if (!here) {
    const flow = graph.get(root);
    return flow ? [{ to: [{ flow: root, node: flow.start }] }] : [];
  }
  const model = graph.get(here.flow)?.nodes[here.node];
  if (!model) return [];
  if (model.calls) {
    const called = graph.get(model.calls);
    return called ? [{ to: [...p, { flow: called.id, node: called.start }] }] : [];
  }
  if (model.returns !== undefined) {
    const caller = p[p.length - 2];
    const exits = caller ? (graph.get(caller.flow)?.nodes[caller.node]?.exits ?? []) : [];
    const exit = exits.find((e) => e.label === model.returns) ?? exits.find((e) => e.label === 'returned');
    if (!caller || !exit) return [];
    return [{ to: [...p.slice(0, -2), { flow: caller.flow, node: exit.target }], edge: { ...exit, flow: caller.flow, node: caller.node } }];
  }
  return [...model.exits, ...model.implicit, ...model.said].map((e) => ({
    to: [...p.slice(0, -1), { flow: here.flow, node: e.target }],
    edge: { ...e, flow: here.flow, node: here.node },
  }));
}

/**
 * The edges a turn's first move may take, best first. The caller's input drives only the move
 * out of the node the call rested at: a keyed edge (menu option, person key) follows its own key
 * only, an edge taken by words follows those words only (an option chosen by words takes `said
 * <key>`, not the key's edge; a key said aloud, "按1", takes the key's edge of an option without
 * phrases), and repeated-failure edges come last, so of two edges to the same node the right one wins.
 */
function byCause(next: Next[], cause: TurnCause, first: boolean): Next[] {
  const c = first ? cause : undefined;
  const allowed = (e: TakenEdge | undefined): boolean => {
    if (e?.said !== undefined) return c !== undefined && 'said' in c && c.said === e.said;
    if (e?.key === undefined) return true;
    if (c === undefined) return false;
    return ('keys' in c && c.keys === e.key) || ('said' in c && c.said === e.key) || 'saidDigits' in c;
  };
  const rank = (n: Next) => (n.edge?.said !== undefined ? 0 : n.edge?.key !== undefined ? 1 : n.edge?.failure ? 3 : 2);
  return next.filter((n) => allowed(n.edge)).sort((a, b) => rank(a) - rank(b));
}

/**
 * Reconstructs the nodes a call went through in one turn, each attributed to its flow file.
 *
 * `visits` are the bare node ids the engine recorded this turn (`context.path` grows by them);
 * `rest` is where the machine state says the call now waits. Starting from `from`, a depth-first
 * search follows the flow graph, consuming one visit per move, until the visits are used up at
 * the resting position. Structure resolves what ids cannot: the same id in two files (`agent` in
 * general and identity_check) is told apart by which edges exist from here. The path collapses
 * consecutive equal ids (a subflow node `menu` calling a flow that starts at `menu`), so a move
 * to a node with the current node's id may also consume nothing. Returns undefined when no walk
 * explains the visits: a gap between this model and the compiler, reported by the recorder.
 */
export function followTurn(
  graph: FlowGraph,
  root: string,
  from: Position,
  visits: readonly string[],
  rest: Rest,
  cause?: TurnCause,
): Move[] | undefined {
  const search = (p: Position, i: number, first: boolean, unrecorded: number): Move[] | undefined => {
    if (i === visits.length && (rest.kind === 'ended' || samePosition(p, rest.position))) return [];
    const here = top(p)?.node;
    for (const next of byCause(successors(graph, root, p), cause, first)) {
      const node = top(next.to)?.node;
      const tries: Array<[number, number]> = [];
      if (i < visits.length && node === visits[i]) tries.push([i + 1, 0]);
      if (here !== undefined && node === here && unrecorded < 2) tries.push([i, unrecorded + 1]);
      for (const [nextI, nextUnrecorded] of tries) {
        const after = search(next.to, nextI, false, nextUnrecorded);
        if (after) return [{ from: p, ...next }, ...after];
      }
    }
    return undefined;
  };
  return search(from, 0, true, 0);
}

/**
 * The ids a turn added to the call's path, as candidates to try in order. The path keeps only its
 * last 40 ids, so once full, old ids fall off the front as new ones are added: the likeliest
 * reading (fewest ids dropped) comes first.
 */
export function appendedVisits(before: readonly string[], after: readonly string[]): string[][] {
  const candidates: string[][] = [];
  for (let dropped = 0; dropped <= before.length; dropped++) {
    const kept = before.length - dropped;
    if (kept > after.length) continue;
    let same = true;
    for (let j = 0; j < kept && same; j++) same = before[dropped + j] === after[j];
    if (same) candidates.push(after.slice(kept));
  }
  return candidates;
}
