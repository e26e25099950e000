import { DEFAULT_RING_SEC } from '../flow/nodes/transfer';
import { buildFlowGraph } from '../coverage/flow-graph';
import type { FlowSource } from '../flow/compile/flow-source';
import type { FlowNode } from '../flow/schema/flow.schema';
import type { CallCentre } from '../call-centre/call-centre';
import { describeCondition } from './describe-condition';
import { variantShares } from '../flow/nodes/split';

/** What a box stands for, which decides its shape and colour in every format. */
export type BoxKind = 'step' | 'question' | 'identity' | 'ticket' | 'sms' | 'person' | 'voicemail' | 'subflow' | 'end';

export type Box = { id: string; title: string; detail: string; kind: BoxKind; /** The page of the flow a subflow box calls. */ link?: string };
/** `failure`: taken after repeated silence or wrong keys; `implicit`: the person key and default routes the engine adds. */
export type Arrow = { from: string; to: string; label: string; style: 'normal' | 'failure' | 'implicit' };
export type Diagram = { flowId: string; start: string; boxes: Box[]; arrows: Arrow[] };

const sla = (minutes: number) => (minutes < 60 ? `${minutes} min` : `${minutes / 60} h`);

function describe(node: FlowNode, centre: CallCentre): { kind: BoxKind; detail: string; link?: string } {
  const tries = 'maxAttempts' in node ? ` · ${node.maxAttempts} tries` : '';
  switch (node.type) {
    case 'say':
      return { kind: 'step', detail: 'say' };
    case 'set':
      return { kind: 'step', detail: node.lang ? `set language ${node.lang}` : `set ${Object.keys(node.vars ?? {}).join(', ')}` };
    case 'branch':
      return { kind: 'question', detail: 'branch' };
    case 'split':
      return { kind: 'question', detail: `A/B split ${Object.values(node.variants).map((v) => v.weight).join(' / ')}` };
    case 'menu':
      return { kind: 'question', detail: `menu${tries}` };
    case 'gather':
      return { kind: 'question', detail: `keys → ${node.var}${node.sensitive ? ' (secret)' : ''}${tries}` };
    case 'identity':
      return { kind: 'identity', detail: `identity check by SMS code${node.require?.tier ? ` (${node.require.tier})` : ''} · ${node.maxAttempts} tries` };
    case 'ticket':
      return { kind: 'ticket', detail: `ticket ${node.category} · ${node.priority} · reply within ${sla(centre.categories.get(node.category)?.slaMinutes ?? 0)}` };
    case 'sms':
      return { kind: 'sms', detail: `SMS ${node.kind} to ${node.to}` };
    case 'transfer':
      return { kind: 'person', detail: node.queue ? `person: queue ${node.queue}${node.priority !== 'normal' ? ` · ${node.priority}` : ''}` : `person: ${node.number} · rings ${node.timeoutSec ?? DEFAULT_RING_SEC} s` };
    case 'voicemail':
      return { kind: 'voicemail', detail: `voicemail ≤ ${node.maxLength} s` };
    case 'subflow':
      return { kind: 'subflow', detail: `subflow ${node.flow}`, link: node.flow };
    case 'return':
      return { kind: 'end', detail: `return ${node.outcome}` };
    case 'hangup':
      return { kind: 'end', detail: 'hang up' };
  }
}

/**
 * One flow file as boxes and arrows: every node, the keys on a menu's arrows, the person key and
 * the routes after repeated failures (from the same graph `ivr test --coverage` measures),
 * outcomes on a subflow's arrows. Subflows stay boxes that link to their own diagram.
 */
export function flowDiagram(flowId: string, flows: ReadonlyMap<string, FlowSource>, centre: CallCentre): Diagram {
  const source = flows.get(flowId);
  if (!source) throw new Error(`no flow "${flowId}" (flows: ${[...flows.keys()].join(', ')})`);
  const model = buildFlowGraph(new Map([[flowId, source]])).get(flowId)!;
  const boxes: Box[] = [];
  const arrows: Arrow[] = [];
  for (const [id, node] of Object.entries(source.flow.nodes)) {
    const { kind, detail, link } = describe(node, centre);
    boxes.push({ id, title: id, detail, kind, ...(link ? { link } : {}) });
    model.nodes[id].exits.forEach((e, i) => {
      // A branch's arrows say their condition rather than "case 1"; a split's, each variant's share.
      const label =
        node.type === 'branch' && i < node.cases.length ? describeCondition(node.cases[i].when) : node.type === 'split' ? `${e.label} · ${variantShares(node)[e.label]}` : e.label;
      arrows.push({ from: id, to: e.target, label, style: e.failure ? 'failure' : 'normal' });
    });
    for (const e of model.nodes[id].implicit) arrows.push({ from: id, to: e.target, label: e.label, style: e.failure ? 'failure' : 'implicit' });
  }
  return { flowId, start: source.flow.start, boxes, arrows };
}
