import type { CallView } from '../../../src/server/studio/softphone-schema';
import { useWords } from '../i18n';

export type CallPositionProps = { position: CallView['position'] };

/**
 * Where the call is: its flow, the node it rests at, the nodes it went through.
 *
 * Hook for the flow diagram (studio/src/flows/FlowDiagram.tsx, built in parallel): once it is on
 * main, render it here for `position.flow` with `position.node` highlighted (and `position.path`
 * as the trail; `position.state` is the machine's state value, subflow nodes nesting in it), e.g.
 * `<FlowDiagram flowId={position.flow} highlight={position.node} trail={position.path} />`.
 */
export function CallPosition({ position }: CallPositionProps) {
  const { t } = useWords();
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
    </section>
  );
}
