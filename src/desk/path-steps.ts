import { optionTarget, type MenuOption } from '../flow/nodes/menu';
import type { FlowSource } from '../flow/compile/flow-source';
import type { FlowNode } from '../flow/schema/flow.schema';

/** One node the call went through, and the menu key that led on from it where the flow tells. */
export type PathStep = { node: string; type?: string; chose?: string };

type Found = { flowId: string; node: FlowNode };

/**
 * The call's path (node ids, as the record keeps them) with each node's type and, after a menu,
 * the key that leads to the next node on the path: the record holds no keys, but a menu whose
 * options name the next node says which was pressed (or the flow's person key). Node ids are
 * only unique within a flow, so the walk follows the calls: after a `subflow` node the ids are
 * the called flow's, after a `return` the caller's again. Nothing is guessed when a node is not
 * found (a flow changed since) or two keys lead to the same node. The runtime records a node once
 * when it follows a node of the same id (a subflow node named like the called flow's first
 * node), so that menu's key cannot be told.
 */
export function pathSteps(path: readonly string[], flowId: string, flows: ReadonlyMap<string, FlowSource>): PathStep[] {
  const stack = [flowId];
  const located: Array<Found | undefined> = path.map((id) => {
    let found: Found | undefined;
    // The current flow, else a flow the call has returned to.
    while (stack.length > 0 && !found) {
      const top = stack[stack.length - 1];
      const node = flows.get(top)?.flow.nodes[id];
      if (node) found = { flowId: top, node };
      else if (stack.length > 1) stack.pop();
      else break;
    }
    if (!found) return undefined;
    if (found.node.type === 'subflow') stack.push(found.node.flow);
    else if (found.node.type === 'return' && stack.length > 1) stack.pop();
    return found;
  });
  return path.map((id, i) => {
    const found = located[i];
    if (!found) return { node: id };
    const next = located[i + 1];
    const sameFlow = next !== undefined && next.flowId === found.flowId;
    const human = flows.get(found.flowId)?.flow.globals.human;
    const chose = sameFlow && found.node.type === 'menu' ? keyTo(found.node.options, path[i + 1], human) : undefined;
    return { node: id, type: found.node.type, ...(chose !== undefined ? { chose } : {}) };
  });
}

function keyTo(options: Readonly<Record<string, MenuOption>>, target: string, human?: { key: string; target: string }): string | undefined {
  const keys = Object.entries(options).filter(([, o]) => optionTarget(o) === target).map(([k]) => k);
  if (human && human.target === target && !keys.includes(human.key)) keys.push(human.key);
  return keys.length === 1 ? keys[0] : undefined;
}
