import { useEffect, useState } from 'react';
import { api } from '../api';
import { useWords } from '../i18n';
import type { PageProps } from '../pages';
import type { FlowList, ViewNode } from '../../../src/server/studio/flow-view.schema';
import { FlowDiagram, useFlowView } from '../flows/FlowDiagram';
import { NodePanel } from '../flows/NodePanel';

/** The draft's flows as diagrams: pick one, click a node for its details; errors and changes on the nodes. */
export function FlowsPage(_props: PageProps) {
  const { t } = useWords();
  const [list, setList] = useState<FlowList | null>(null);
  const [flowId, setFlowId] = useState<string>();
  const [open, setOpen] = useState<{ id: string; node: ViewNode } | null>(null);
  const { view, error } = useFlowView(flowId);

  useEffect(() => {
    api<FlowList>('/flows').then((l) => {
      setList(l);
      // The server lists the hotlines' flows first: the general line's leads.
      setFlowId((id) => id ?? l.flows.find((f) => f.change !== 'removed')?.id);
    });
  }, []);
  useEffect(() => setOpen(null), [flowId]);

  if (!list) return <p>{t('flowLoading')}</p>;
  return (
    <div className="flows-page">
      <div className="flows-toolbar">
        <label htmlFor="flow-pick">{t('flowPick')}</label>
        <select id="flow-pick" value={flowId} onChange={(e) => setFlowId(e.target.value)}>
          {list.flows.map((f) => (
            <option key={f.id} value={f.id} disabled={f.change === 'removed'}>
              {f.id}
              {f.hotlines.length ? ` (${f.hotlines.join(', ')})` : ''}
              {f.errors ? ` ⚠${f.errors}` : ''}
              {f.change === 'added' || f.change === 'removed' ? ` · ${f.change}` : f.change === 'changed' ? ` · ${t('flowChanged')}` : ''}
            </option>
          ))}
        </select>
        <small>{t(list.baseline === 'release' ? 'flowBaselineRelease' : 'flowBaselineStart')}</small>
        <small className="spacer">{t('flowNodeHint')}</small>
      </div>
      {error && <p role="alert">{error}</p>}
      {view && (view.diagnostics.length > 0 || view.removed.length > 0) && (
        <div className="flow-notes">
          {view.diagnostics.length > 0 && (
            <ul role="alert" aria-label={t('flowErrors')}>
              {view.diagnostics.map((d) => (
                <li key={`${d.file}:${d.line}:${d.col}:${d.message}`}>
                  <code>{`${d.file}:${d.line}:${d.col}`}</code> {d.message}
                </li>
              ))}
            </ul>
          )}
          {view.removed.length > 0 && (
            <p className="diff-removed">
              {t('flowRemoved')}: {view.removed.join(', ')}
            </p>
          )}
        </div>
      )}
      <div className="flows-body">
        {view ? <FlowDiagram view={view} selected={open?.id} onOpen={(id, node) => setOpen({ id, node })} /> : <p>{t('flowLoading')}</p>}
        {open && <NodePanel id={open.id} node={open.node} onClose={() => setOpen(null)} />}
      </div>
    </div>
  );
}
