import { optionTarget } from '../nodes/menu';
import { didYouMeanSuffix, type Diagnostic } from '../../diagnostics';
import { nodeKind } from '../nodes/registry';
import type { Exit } from '../nodes/node-kind';
import type { FlowSource } from '../compile/flow-source';
import type { FlowNode } from '../schema/flow.schema';

/** Nodes that can send the caller to the flow's person node without naming it (retries, failures). */
const USES_PERSON_NODE = new Set(['menu', 'gather', 'identity', 'ticket']);

/**
 * The checks a schema cannot make: targets that do not exist, nodes never reached, nodes with no
 * way out, a person key shadowed by a menu option, menus whose failures lead nowhere near a person,
 * and subflows calling each other in a circle. Every problem is reported, not just the first.
 */
export function validateGraph(flows: ReadonlyMap<string, FlowSource>, broken: ReadonlySet<string> = new Set()): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const src of flows.values()) diagnostics.push(...validateFlow(src, flows, broken));
  diagnostics.push(...subflowCycles(flows));
  return diagnostics;
}

function exitsOf(node: FlowNode): Exit[] {
  return nodeKind(node.type)?.exits(node) ?? [];
}

/**
 * `broken`: flows whose files failed to load. A subflow calling one is given the benefit of the
 * doubt (it may end and reach a person) so the designer sees the broken file's own error, not knock-ons here.
 */
function validateFlow(src: FlowSource, flows: ReadonlyMap<string, FlowSource>, broken: ReadonlySet<string>): Diagnostic[] {
  const { flow, source } = src;
  const out: Diagnostic[] = [];
  const ids = Object.keys(flow.nodes);
  const at = (path: PropertyKey[], message: string) => out.push({ file: source.file, ...source.locate(path), message });
  const exists = (id: string) => Object.prototype.hasOwnProperty.call(flow.nodes, id);
  const person = flow.globals.human?.target;
  const emergency = flow.globals.emergency;

  if (!exists(flow.start)) at(['start'], `start node "${flow.start}" does not exist${didYouMeanSuffix(flow.start, ids)}`);
  if (person !== undefined && !exists(person)) {
    at(['globals', 'human', 'target'], `person node "${person}" does not exist${didYouMeanSuffix(person, ids)}`);
  }
  if (emergency !== undefined && !exists(emergency)) {
    at(['globals', 'emergency'], `emergency node "${emergency}" does not exist${didYouMeanSuffix(emergency, ids)}`);
  }

  // Where each node can lead, including the person node its retries fall back on.
  const next = new Map<string, string[]>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    const targets: string[] = [];
    for (const exit of exitsOf(node)) {
      if (exists(exit.target)) targets.push(exit.target);
      else {
        at(['nodes', id, ...exit.path], `node "${id}" ${describeExit(node, exit)} goes to "${exit.target}", which does not exist${didYouMeanSuffix(exit.target, ids)}`);
      }
    }
    if (person && exists(person) && USES_PERSON_NODE.has(node.type)) targets.push(person);
    next.set(id, targets);

    if (node.type === 'menu' && flow.globals.human) {
      const key = flow.globals.human.key;
      const chosen = node.options[key];
      const option = chosen === undefined ? undefined : optionTarget(chosen);
      if (option !== undefined && option !== person) {
        at(['nodes', id, 'options', key], `node "${id}" key "${key}" is the flow's person key (globals.human.key) and cannot go to "${option}"; use another key`);
      }
    }
    if (node.type === 'set' && node.lang && !flow.languages.includes(node.lang)) {
      at(['nodes', id, 'lang'], `node "${id}" switches to ${node.lang}, which is not in this flow's languages (${flow.languages.join(', ')})`);
    }
    if (node.type === 'subflow' && !flows.has(node.flow) && !broken.has(node.flow)) {
      at(['nodes', id, 'flow'], `node "${id}" calls flow "${node.flow}", which does not exist${didYouMeanSuffix(node.flow, flows.keys())}`);
    }
  }

  const reachable = reach([flow.start, ...(person ? [person] : []), ...(emergency ? [emergency] : [])].filter(exists), next);
  for (const id of ids) {
    if (!reachable.has(id)) at(['nodes', id], `node "${id}" is never reached (nothing goes to it)`);
  }

  const canEnd = (id: string) => {
    const node = flow.nodes[id];
    const kind = nodeKind(node.type);
    if (kind?.ends) return true;
    if (node.type === 'voicemail' && !node.onEmpty) return true;
    if (node.type === 'subflow') return broken.has(node.flow) || flowEnds(flows.get(node.flow));
    return false;
  };
  const ending = new Set(ids.filter(canEnd));
  for (const id of ids) {
    if (!ending.has(id) && ![...reach([id], next)].some((n) => ending.has(n))) {
      at(['nodes', id], `node "${id}" has no way out: no path from it reaches a transfer, a hangup or a return`);
    }
  }

  const reachesPerson = (id: string) => {
    const node = flow.nodes[id];
    if (nodeKind(node.type)?.reachesPerson) return true;
    // A returning subflow hands the decision to its caller, whose own exits are checked there.
    if (node.type === 'return') return true;
    return node.type === 'subflow' && (broken.has(node.flow) || flowReachesPerson(flows.get(node.flow)));
  };
  for (const [id, node] of Object.entries(flow.nodes)) {
    if (node.type !== 'menu' && node.type !== 'gather' && node.type !== 'identity') continue;
    const fallback = node.type === 'identity' ? (node.on.failed ?? person) : (node.onExhausted ?? person);
    const where = node.type === 'identity' ? ['nodes', id, 'on'] : ['nodes', id, node.onExhausted ? 'onExhausted' : 'type'];
    if (fallback === undefined) {
      // The key to set is the one this node's schema has: an identity node's failures go to `on.failed`.
      const key = node.type === 'identity' ? 'on.failed' : 'onExhausted';
      at(where, `node "${id}" has no way to reach a person after repeated failures: set \`${key}\` or the flow's \`globals.human\``);
    } else if (exists(fallback) && ![...reach([fallback], next)].some(reachesPerson)) {
      at(where, `node "${id}" sends a caller who keeps failing to "${fallback}", from where no person can be reached; lead it to a transfer`);
    }
  }
  return out;
}

function describeExit(node: FlowNode, exit: Exit): string {
  if (node.type === 'menu' && exit.path[0] === 'options') return `option "${exit.label}"`;
  if (node.type === 'split') return `variant "${exit.label}"`;
  return exit.label === 'next' ? '`next`' : `(${exit.label})`;
}

function reach(from: string[], next: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>(from);
  const queue = [...from];
  while (queue.length) {
    for (const n of next.get(queue.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

function flowEnds(src: FlowSource | undefined): boolean {
  return !!src && Object.values(src.flow.nodes).some((n) => nodeKind(n.type)?.ends);
}
function flowReachesPerson(src: FlowSource | undefined): boolean {
  return !!src && (Object.values(src.flow.nodes).some((n) => nodeKind(n.type)?.reachesPerson) || src.flow.globals.human !== undefined);
}

function subflowCycles(flows: ReadonlyMap<string, FlowSource>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const calls = (id: string) =>
    Object.entries(flows.get(id)?.flow.nodes ?? {}).flatMap(([nodeId, n]) => (n.type === 'subflow' ? [{ nodeId, flow: n.flow }] : []));
  const reported = new Set<string>();
  const visit = (id: string, stack: string[]) => {
    for (const call of calls(id)) {
      const i = stack.indexOf(call.flow);
      if (i >= 0) {
        const cycle = [...stack.slice(i), call.flow];
        const key = [...cycle].sort().join();
        if (!reported.has(key)) {
          reported.add(key);
          const src = flows.get(id)!;
          out.push({ file: src.source.file, ...src.source.locate(['nodes', call.nodeId, 'flow']), message: `node "${call.nodeId}" makes a subflow cycle: ${cycle.join(' → ')}` });
        }
      } else if (flows.has(call.flow)) visit(call.flow, [...stack, call.flow]);
    }
  };
  for (const id of flows.keys()) visit(id, [id]);
  return out;
}
