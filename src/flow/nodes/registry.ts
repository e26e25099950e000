import type { NodeKind } from './node-kind';
import { sayNode } from './say';
import { menuNode } from './menu';
import { gatherNode } from './gather';
import { branchNode } from './branch';
import { splitNode } from './split';
import { setNode } from './set';
import { identityNode } from './identity';
import { ticketNode } from './ticket';
import { smsNode } from './sms';
import { transferNode } from './transfer';
import { voicemailNode } from './voicemail';
import { subflowNode } from './subflow';
import { returnNode } from './return';
import { hangupNode } from './hangup';

/** Every node type a flow file may use, by its `type`. Adding a type means adding one file and one line here. */
export const NODE_KINDS = {
  say: sayNode,
  menu: menuNode,
  gather: gatherNode,
  branch: branchNode,
  split: splitNode,
  set: setNode,
  identity: identityNode,
  ticket: ticketNode,
  sms: smsNode,
  transfer: transferNode,
  voicemail: voicemailNode,
  subflow: subflowNode,
  return: returnNode,
  hangup: hangupNode,
} as const;

export type NodeType = keyof typeof NODE_KINDS;
export const NODE_TYPES = Object.keys(NODE_KINDS) as NodeType[];

export function nodeKind(type: string): NodeKind | undefined {
  return (NODE_KINDS as Record<string, NodeKind>)[type];
}
