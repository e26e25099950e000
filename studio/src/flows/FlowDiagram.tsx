import { createContext, memo, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Background, Controls, Handle, Position, ReactFlow, useReactFlow, useStore, type Edge, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { api } from '../api';
import { useWords } from '../i18n';
import type { FlowView, ViewNode } from '../../../src/server/studio/flow-view.schema';
import { layOut, type FlowBox } from './layout';

export type { FlowView, ViewNode };

/** A flow of the draft as the server describes it (GET /studio/api/flows/:id); null while loading. */
export function useFlowView(flowId: string | undefined): { view: FlowView | null; error: string | null } {
  const [state, setState] = useState<{ view: FlowView | null; error: string | null }>({ view: null, error: null });
  useEffect(() => {
    if (!flowId) return;
    let live = true;
    setState({ view: null, error: null });
    api<FlowView>(`/flows/${encodeURIComponent(flowId)}`).then(
      (view) => live && setState({ view, error: null }),
      (err: unknown) => live && setState({ view: null, error: String(err) }),
    );
    return () => {
      live = false;
    };
  }, [flowId]);
  return state;
}

type DiagramActions = { toggle: (id: string, calls: string) => void; highlight?: string; selected?: string };
const Actions = createContext<DiagramActions>({ toggle: () => {} });

export type FlowDiagramProps = {
  view: FlowView;
  /** The node a (simulated) call is at: drawn highlighted. Inside a subflow, `<subflow node>/<node>`. */
  highlight?: string;
  /** The node whose details are open. */
  selected?: string;
  /** A node was clicked or Enter pressed on it; `id` carries the subflow prefix when inside one. */
  onOpen?: (id: string, node: ViewNode) => void;
};

/**
 * One flow as an interactive diagram: laid out by elk, panned and zoomed by xyflow; subflow nodes
 * expand in place to show the called flow. Every node is a button, so Tab reaches it and Enter opens it.
 */
export function FlowDiagram({ view, highlight, selected, onOpen }: FlowDiagramProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [subflows, setSubflows] = useState<ReadonlyMap<string, FlowView>>(new Map());
  const [graph, setGraph] = useState<{ nodes: FlowBox[]; edges: Edge[] } | null>(null);

  useEffect(() => {
    setExpanded(new Set());
  }, [view.id]);
  useEffect(() => {
    let live = true;
    layOut(view, expanded, subflows).then((g) => live && setGraph(g));
    return () => {
      live = false;
    };
  }, [view, expanded, subflows]);

  const toggle = useCallback(
    (id: string, calls: string) => {
      const load = subflows.has(calls) ? Promise.resolve() : api<FlowView>(`/flows/${encodeURIComponent(calls)}`).then((v) => setSubflows((m) => new Map(m).set(calls, v)));
      load.then(() =>
        setExpanded((s) => {
          const next = new Set(s);
          if (next.has(id)) for (const e of [...next]) (e === id || e.startsWith(`${id}/`)) && next.delete(e);
          else next.add(id);
          return next;
        }),
      );
    },
    [subflows],
  );

  // A call inside a collapsed subflow is shown on the subflow's node.
  const shown = useMemo(() => {
    if (!highlight || !graph) return highlight;
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (let at = highlight; at; at = at.includes('/') ? at.slice(0, at.lastIndexOf('/')) : '') if (ids.has(at)) return at;
    return undefined;
  }, [highlight, graph]);

  const actions = useMemo<DiagramActions>(() => ({ toggle, highlight: shown, selected }), [toggle, shown, selected]);
  if (!graph) return <div className="flow-diagram" aria-busy="true" />;
  return (
    <Actions.Provider value={actions}>
      <div className="flow-diagram" data-testid="flow-diagram" data-flow={view.id}>
        <ReactFlow
          key={view.id}
          nodes={graph.nodes}
          edges={graph.edges}
          nodeTypes={NODE_TYPES}
          fitView
          minZoom={0.1}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          // A click anywhere on a box (and Enter on its button, whose click bubbles here) opens it.
          onNodeClick={(_e, n) => onOpen?.(n.id, n.data.node)}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
          <FitOnLayout graph={graph} />
        </ReactFlow>
      </div>
    </Actions.Provider>
  );
}

const BoxNode = memo(function BoxNode({ id, data }: NodeProps<FlowBox>) {
  const { t } = useWords();
  const { toggle, highlight, selected } = useContext(Actions);
  const { node, expanded } = data;
  const classes = ['flow-box', `kind-${node.kind}`, node.diff && `diff-${node.diff}`, node.diagnostics.length && 'has-errors', expanded && 'expanded', highlight === id && 'highlighted', selected === id && 'selected'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-node={id}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <button type="button" className="flow-box-open nodrag" aria-pressed={selected === id} aria-current={highlight === id ? 'step' : undefined}>
        <strong>{node.id}</strong>
        {node.diff && <span className="diff-badge">{t(node.diff === 'added' ? 'flowNew' : 'flowChanged')}</span>}
        <small>{node.detail}</small>
      </button>
      {node.calls && (
        <button type="button" className="flow-box-expand nodrag" onClick={(e) => {
            e.stopPropagation();
            toggle(id, node.calls!);
          }} aria-expanded={expanded} title={t(expanded ? 'flowCollapse' : 'flowExpand')} aria-label={`${t(expanded ? 'flowCollapse' : 'flowExpand')} ${node.calls}`}>
          {expanded ? '−' : '+'}
        </button>
      )}
      {node.diagnostics.length > 0 && (
        <p className="flow-box-error" role="note" title={node.diagnostics.map((d) => d.message).join('\n')}>
          ⚠ {node.diagnostics[0].message}
        </p>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});
const NODE_TYPES = { box: BoxNode };

/** After a subflow opens or closes, or the pane changes size (a side panel opens), the whole flow is brought back into view. */
function FitOnLayout({ graph }: { graph: unknown }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    // xyflow queues the fit until the nodes are measured.
    if (width > 0 && height > 0) void fitView();
  }, [graph, width, height, fitView]);
  return null;
}
