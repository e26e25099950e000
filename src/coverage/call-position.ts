import type { CallSnapshot } from '../flow/runtime/turn';
import type { FlowGraph } from './flow-graph';

/** A node of one flow file. */
export type Frame = { flow: string; node: string };

/**
 * Where a call is, outermost flow first: `[general/account_identity, identity_check/verify]` is
 * the identity check called from the general line's account branch. Empty before the first node.
 */
export type Position = readonly Frame[];

/** Where a call rests between turns: a position, or gone. */
export type Rest = { kind: 'at'; position: Position } | { kind: 'ended' };

export function top(p: Position): Frame | undefined {
  return p[p.length - 1];
}

export function samePosition(a: Position, b: Position): boolean {
  return a.length === b.length && a.every((f, i) => f.flow === b[i].flow && f.node === b[i].node);
}

export function describePosition(p: Position): string {
  return p.length ? p.map((f) => `${f.flow}/${f.node}`).join(' › ') : '(before the first node)';
}

/**
 * Reads where a call rests from its machine state: compiled subflows are nested states keyed by
 * the calling node's id, so `{ account_identity: { verify: 'askCode' } }` names every frame.
 */
export function restOf(graph: FlowGraph, rootFlow: string, snapshot: CallSnapshot): Rest {
  if (snapshot.status === 'done') return { kind: 'ended' };
  const frames: Frame[] = [];
  let flow = rootFlow;
  let value: unknown = snapshot.value;
  for (;;) {
    const key = typeof value === 'string' ? value : Object.keys((value ?? {}) as object)[0];
    if (key === undefined || key.startsWith('__')) return { kind: 'ended' };
    frames.push({ flow, node: key });
    const called = graph.get(flow)?.nodes[key]?.calls;
    if (!called || typeof value !== 'object' || value === null) break;
    flow = called;
    value = (value as Record<string, unknown>)[key];
  }
  return { kind: 'at', position: frames };
}
