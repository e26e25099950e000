import type { FlowSource } from '../flow/compile/flow-source';
import { nodeKind } from '../flow/nodes/registry';
import { listensToSpeech } from '../flow/schema/input-mode.schema';
import type { Flow, FlowNode } from '../flow/schema/flow.schema';
import { INTENTS, type Intent } from '../speech/lexicon.schema';

/**
 * A way out of a node: a declared exit (what coverage counts), a route the engine adds itself, or
 * one taken by words (a spoken option, a global intent).
 */
export type Edge = {
  /** `exit`: from the node's `exits()`; `implicit`: the person key and default failure routes; `said`: chosen by words. */
  kind: 'exit' | 'implicit' | 'said';
  label: string;
  target: string;
  /** The key that takes this edge (a menu option, the person key); such an edge follows that key only. */
  key?: string;
  /** The option key or intent (person, emergency) whose words take this edge; such an edge follows those words only. */
  said?: string;
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
  /**
   * Ways out by words, at a node that listens: `said <key>` for each option with phrases of a
   * menu (counted per node), `said person` / `said emergency` for the global intents (counted once per flow).
   */
  said: Edge[];
  /** The flow a `subflow` node calls. */
  calls?: string;
  /** The outcome a `return` node hands back. */
  returns?: string;
};

export type FlowModel = {
  id: string;
  file: string;
  start: string;
  nodes: Readonly<Record<string, NodeModel>>;
  /**
   * The global intents a caller may say, counted once for the whole flow (covered when the intent
   * routed a call from any of its nodes); only in a flow with at least one menu that listens.
   */
  intents: Edge[];
};

/** Where a flow-wide edge is drawn from in a report: any node that listens. */
export const ANY_LISTENING_NODE = '(any spoken menu)';

export const isIntent = (said: string | undefined): said is Intent => (INTENTS as readonly string[]).includes(said ?? '');

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
    const intents = intentEdges(flow);
    for (const [nodeId, node] of Object.entries(flow.nodes)) nodes[nodeId] = nodeModel(nodeId, node, flow.globals.human, listens(flow, node) ? intents : undefined);
    const spokenMenu = Object.values(flow.nodes).some((n) => n.type === 'menu' && listens(flow, n));
    graph.set(id, { id, file: source.file, start: flow.start, nodes, intents: spokenMenu ? intents : [] });
  }
  return graph;
}

/** The nodes that may listen (menus, gathers, identity checks), by their own `input` or the flow's. */
function listens(flow: Flow, node: FlowNode): boolean {
  return (node.type === 'menu' || node.type === 'gather' || node.type === 'identity') && listensToSpeech(node.input ?? flow.input);
}

/** Where the global intents go in this flow (compile-flow.ts: a person if `globals.human`, `globals.emergency` if set). */
function intentEdges(flow: Flow): Edge[] {
  const targets: Record<Intent, string | undefined> = { person: flow.globals.human?.target, emergency: flow.globals.emergency };
  return INTENTS.flatMap((intent) => {
    const target = targets[intent];
    return target === undefined ? [] : [{ kind: 'said' as const, label: `said ${intent}`, target, said: intent }];
  });
}

type Human = { key: string; target: string } | undefined;

/** `intents`: the flow's intent edges when the node listens; undefined when it takes keys only. */
function nodeModel(id: string, node: FlowNode, human: Human, intents: Edge[] | undefined): NodeModel {
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
  const said: Edge[] = [];
  if (intents && node.type === 'menu') {
    for (const [key, option] of Object.entries(node.options)) {
      if (typeof option !== 'string') said.push({ kind: 'said', label: `said ${key}`, target: option.to, said: key });
    }
  }
  said.push(...(intents ?? []));
  const model: NodeModel = { id, type: node.type, exits, implicit, said };
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
