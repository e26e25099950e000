import { restOf } from '../coverage/call-position';
import { buildFlowGraph, type FlowGraph } from '../coverage/flow-graph';
import type { FlowSource } from '../flow/compile/flow-source';
import type { Input } from '../flow/runtime/input';
import type { CallSnapshot } from '../flow/runtime/turn';

/** What a caller's input meant at the node it answered, for the menu metrics. */
export type InputVerdict =
  | { kind: 'choice'; flow: string; node: string; key: string }
  | { kind: 'invalid'; flow: string; node: string }
  | { kind: 'noInput'; flow: string; node: string };

/** The flow files of a project, parsed and as a graph, to tell which file's node a call rests at. */
export type FlowFiles = { sources: ReadonlyMap<string, FlowSource>; graph: FlowGraph };

const graphs = new WeakMap<ReadonlyMap<string, FlowSource>, FlowFiles>();
export function flowFiles(sources: ReadonlyMap<string, FlowSource>): FlowFiles {
  let files = graphs.get(sources);
  if (!files) graphs.set(sources, (files = { sources, graph: buildFlowGraph(sources) }));
  return files;
}

/**
 * Judges the caller's input at the node the call rested at (`before`), by that node's own
 * definition, whichever flow file (subflow) it is in: at a menu, a key it offers (or the person or
 * repeat key) is a choice and any other an invalid entry; at a gather, an entry that breaks its
 * length or pattern is invalid; silence anywhere is no input. Pure; undefined when the node is not
 * one of these, or not in `files` (a call still running on a version since reloaded away).
 */
export function judgeInput(files: FlowFiles, rootFlow: string, before: CallSnapshot, input: Input): InputVerdict | undefined {
  const waiting = waitingAt(files, rootFlow, before);
  if (!waiting) return undefined;
  const { flow, node, where } = waiting;
  if (input.type === 'noInput') return node.type === 'menu' || node.type === 'gather' || node.type === 'identity' ? { kind: 'noInput', ...where } : undefined;
  if (input.type !== 'digits') return undefined;
  const { human, repeatKey } = flow.globals;
  if (node.type === 'menu') {
    const key = input.digits;
    const valid = key in node.options || key === human?.key || key === repeatKey;
    return valid ? { kind: 'choice', ...where, key } : { kind: 'invalid', ...where };
  }
  if (node.type === 'gather') {
    const d = input.digits;
    if (d === repeatKey || (node.minDigits > 1 && d === human?.key)) return undefined;
    const valid = /^[0-9]+$/.test(d) && d.length >= node.minDigits && d.length <= node.maxDigits && (node.pattern === undefined || new RegExp(node.pattern).test(d));
    return valid ? undefined : { kind: 'invalid', ...where };
  }
  return undefined;
}

/** The node types that wait for the caller's keys or words. */
const ANSWERED: ReadonlySet<string> = new Set(['menu', 'gather', 'identity']);

/**
 * The menu, entry or identity check the call waited at (`before`), by flow file and node id, or
 * undefined when it waited elsewhere (a recording, a dial) or at a node `files` no longer has.
 */
export function answeredAt(files: FlowFiles, rootFlow: string, before: CallSnapshot): { flow: string; node: string } | undefined {
  const waiting = waitingAt(files, rootFlow, before);
  return waiting && ANSWERED.has(waiting.node.type) ? waiting.where : undefined;
}

function waitingAt(files: FlowFiles, rootFlow: string, before: CallSnapshot) {
  const rest = restOf(files.graph, rootFlow, before);
  if (rest.kind !== 'at') return undefined;
  const at = rest.position[rest.position.length - 1];
  const flow = files.sources.get(at.flow)?.flow;
  const node = flow?.nodes[at.node];
  if (!flow || !node) return undefined;
  return { flow, node, where: { flow: at.flow, node: at.node } };
}
