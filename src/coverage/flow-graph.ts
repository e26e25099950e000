import type { FlowSource } from '../flow/compile/flow-source';
import { nodeKind } from '../flow/nodes/registry';
import type { FlowNode } from '../flow/schema/flow.schema';

/** A way out of a node: a declared exit (what coverage counts) or a route the engine adds itself. */
export type Edge = {
  /** `exit`: from the node's `exits()`; `implicit`: the person key and default failure routes. */
  kind: 'exit' | 'implicit';
  label: string;
  target: string;
  /** The key that takes this edge (a menu option, the person key); such an edge follows that key only. */
  key?: string;
  /** Taken after repeated silence or wrong entries. */
  failure?: boolean;
};

export type NodeModel = {
  id: string;
  type: FlowNode['type'];
  /** Declared exits, as `ivr validate` and diagrams see them. */
  exits: Edge[];
  /** Where the engine sends a caller without the node saying so (flow `globals.human`, ticket errors). */
  implicit: Edge[];
  /** The flow a `subflow` node calls. */
  calls?: string;
  /** The outcome a `return` node hands back. */
  returns?: string;
};

export type FlowModel = { id: string; file: string; start: string; nodes: Readonly<Record<string, NodeModel>> };

/** Every flow file of a project as a graph of nodes and edges, with subflow calls kept apart. */
export type FlowGraph = ReadonlyMap<string, FlowModel>;

/**
 * Builds the graph coverage is measured against from the parsed flow files (not the compiled
 * machines, which inline subflows): one model per file, whoever calls it.
 */
export function buildFlowGraph(flows: ReadonlyMap<string, FlowSource>): FlowGraph {
  const graph = new Map<string, FlowModel>();
  for (const [id, { flow, source }] of flows) {
    const nodes: Record<string, NodeModel> = {};
    for (const [nodeId, node] of Object.entries(flow.nodes)) nodes[nodeId] = nodeModel(nodeId, node, flow.globals.human);
    graph.set(id, { id, file: source.file, start: flow.start, nodes });
  }
  return graph;
}

type Human = { key: string; target: string } | undefined;

function nodeModel(id: string, node: FlowNode, human: Human): NodeModel {
  const kind = nodeKind(node.type);
  const exits: Edge[] = (kind?.exits(node) ?? []).map((e) => ({
    kind: 'exit',
    label: e.label,
    target: e.target,
    ...(node.type === 'menu' && e.label in node.options ? { key: e.label } : {}),
    ...((node.type === 'menu' || node.type === 'gather') && e.path[0] === 'onExhausted' ? { failure: true } : {}),
  }));
  const implicit: Edge[] = [];
  const toPerson = (label: string, extra: Partial<Edge> = {}) => {
    if (human) implicit.push({ kind: 'implicit', label, target: human.target, ...extra });
  };
  const personKey = () => toPerson(`key ${human?.key}`, { key: human?.key });
  const model: NodeModel = { id, type: node.type, exits, implicit };
  // These mirror the compiler's defaults (digit-state.ts, exhausted-target.ts, identity.ts, ticket.ts).
  switch (node.type) {
    case 'menu':
      personKey();
      if (!node.onExhausted) toPerson(`×${node.maxAttempts} failed`, { failure: true });
      break;
    case 'gather':
      // A lone person key is a request for a person only when it cannot be a valid entry.
      if (node.minDigits > 1) personKey();
      if (!node.onExhausted) toPerson(`×${node.maxAttempts} failed`, { failure: true });
      break;
    case 'identity':
      personKey();
      for (const outcome of ['failed', 'locked'] as const) if (!node.on[outcome]) toPerson(outcome);
      break;
    case 'ticket':
      if (!node.onError) implicit.push({ kind: 'implicit', label: 'error', target: human?.target ?? node.next });
      break;
    case 'subflow':
      model.calls = node.flow;
      break;
    case 'return':
      model.returns = node.outcome;
      break;
  }
  return model;
}
