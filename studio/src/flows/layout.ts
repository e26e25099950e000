import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { FlowView, ViewArrow, ViewNode } from '../../../src/server/studio/flow-view.schema';

/** What a box of the diagram carries: the node, and for an expanded subflow the flow it shows. */
export type BoxData = { node: ViewNode; flowId: string; expanded: boolean };
export type FlowBox = Node<BoxData, 'box'>;

export const BOX_WIDTH = 200;
const BOX_HEIGHT = 64;
const ERROR_HEIGHT = 36;
/** Room for an expanded subflow's title above its nodes. */
const GROUP_PADDING = '[top=48,left=16,bottom=16,right=16]';

/** Ids of an expanded subflow's nodes are the subflow node's id, a slash and their own (as the engine's states are). */
const inner = (parent: string | undefined, id: string) => (parent ? `${parent}/${id}` : id);

const heightOf = (n: ViewNode) => BOX_HEIGHT + (n.diagnostics.length ? ERROR_HEIGHT : 0);

/**
 * Lays a flow out with elk's layered algorithm (top to bottom, like `ivr diagram`), in the
 * browser: elkjs is bundled with the studio, and expanding a subflow lays out again without a
 * round trip. Expanded subflows become compound nodes laid out with their parent in one pass.
 * elk is loaded on first use, so only the diagram page pays for it.
 */
export async function layOut(view: FlowView, expanded: ReadonlySet<string>, subflows: ReadonlyMap<string, FlowView>): Promise<{ nodes: FlowBox[]; edges: Edge[] }> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const nodes: FlowBox[] = [];
  const edges: Edge[] = [];

  const graphOf = (v: FlowView, parent: string | undefined, seen: readonly string[]): ElkNode[] =>
    v.nodes.map((n) => {
      const id = inner(parent, n.id);
      const called = n.calls && expanded.has(id) && !seen.includes(n.calls) ? subflows.get(n.calls) : undefined;
      nodes.push({ id, type: 'box', position: { x: 0, y: 0 }, data: { node: n, flowId: v.id, expanded: !!called }, ...(parent ? { parentId: parent, extent: 'parent' as const } : {}) });
      if (!called) return { id, width: BOX_WIDTH, height: heightOf(n) };
      const children = graphOf(called, id, [...seen, called.id]);
      return { id, layoutOptions: { 'elk.padding': GROUP_PADDING }, children, edges: called.arrows.map((a, i) => elkEdge(a, id, i)) };
    });
  const elkEdge = (a: ViewArrow, parent: string | undefined, i: number) => {
    const id = `${parent ?? ''}:${i}:${a.from}->${a.to}`;
    edges.push(arrowEdge(id, a, parent));
    return { id, sources: [inner(parent, a.from)], targets: [inner(parent, a.to)] };
  };

  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '32',
      'elk.edgeRouting': 'SPLINES',
    },
    children: graphOf(view, undefined, [view.id]),
    edges: view.arrows.map((a, i) => elkEdge(a, undefined, i)),
  };
  const laid = await elk.layout(root);
  const place = (children: ElkNode[] | undefined) => {
    for (const c of children ?? []) {
      const box = nodes.find((n) => n.id === c.id);
      if (box) {
        // elk gives children positions relative to their parent, as xyflow wants them.
        box.position = { x: c.x ?? 0, y: c.y ?? 0 };
        if (c.children?.length) box.style = { width: c.width, height: c.height };
      }
      place(c.children);
    }
  };
  place(laid.children);
  return { nodes, edges };
}

function arrowEdge(id: string, a: ViewArrow, parent: string | undefined): Edge {
  return {
    id,
    source: inner(parent, a.from),
    target: inner(parent, a.to),
    label: a.label,
    className: `arrow-${a.style}`,
    animated: false,
    markerEnd: { type: MarkerType.ArrowClosed },
    ...(parent ? { zIndex: 1 } : {}),
  };
}
