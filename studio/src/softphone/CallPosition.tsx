import type { CallView } from '../../../src/server/studio/softphone-schema';
import { useWords } from '../i18n';
import { FlowDiagram, useFlowView } from '../flows/FlowDiagram';

export type CallPositionProps = { position: CallView['position'] };

/**
 * Where the call is: its flow's diagram with the node it rests at highlighted (inside a subflow:
 * the subflow's node, the last step of its path the diagram draws), and the nodes it went through.
 */
export function CallPosition({ position }: CallPositionProps) {
  const { t } = useWords();
  const { view } = useFlowView(position?.flow);
  if (!position) return null;
  return (
    <section className="sp-position" aria-label={t('spNode')}>
      <div>
        {t('spNode')}: <code data-testid="sp-node">{position.node}</code> <small>({position.flow})</small>
      </div>
      <ol className="sp-path" aria-label={t('spPath')} data-testid="sp-path">
        {position.path.map((node, i) => (
          <li key={`${i}-${node}`} aria-current={i === position.path.length - 1 ? 'step' : undefined}>
            {node}
          </li>
        ))}
      </ol>
      {view && (
        <div className="sp-diagram" data-testid="sp-diagram">
          <FlowDiagram view={view} highlight={[...position.path].reverse().find((id) => view.nodes.some((n) => n.id === id)) ?? position.node} />
        </div>
      )}
    </section>
  );
}
