import { useEffect, useRef } from 'react';
import { useWords } from '../i18n';
import type { ViewNode } from '../../../src/server/studio/flow-view.schema';

/** The side panel of a node: what it is, what the caller hears and may say or press, where it goes, where it is written. */
export function NodePanel({ id, node, onClose }: { id: string; node: ViewNode; onClose: () => void }) {
  const { t } = useWords();
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus follows the opened panel, so a keyboard user reads it next; Escape gives it back.
  useEffect(() => heading.current?.focus(), [id]);
  return (
    <aside className="node-panel" aria-labelledby="node-panel-title" data-testid="node-panel" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header>
        <h2 id="node-panel-title" tabIndex={-1} ref={heading}>
          {id}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('flowClose')}>
          ×
        </button>
      </header>
      <dl>
        <dt>{t('flowType')}</dt>
        <dd>
          {node.detail.startsWith(node.type) ? node.detail : `${node.type} · ${node.detail}`}
        </dd>
        <dt>{t('flowDefinedAt')}</dt>
        <dd>
          <code data-testid="node-location">{`${node.file}:${node.line}`}</code>
        </dd>
      </dl>
      {node.diagnostics.length > 0 && (
        <section className="node-errors">
          <h3>{t('flowErrors')}</h3>
          <ul>
            {node.diagnostics.map((d) => (
              <li key={`${d.line}:${d.col}:${d.message}`}>
                <code>{`${d.file}:${d.line}:${d.col}`}</code> {d.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {node.prompts.length > 0 && (
        <section>
          <h3>{t('flowPrompts')}</h3>
          {node.prompts.map((p) => (
            <div key={p.field} className="node-prompt">
              <p className="node-prompt-field">
                {p.field}
                {p.keys.length > 0 && <code> {p.keys.join(' + ')}</code>}
              </p>
              {Object.entries(p.words).map(([lang, words]) => (
                <p key={lang} lang={lang}>
                  <span className="lang">{lang}</span> {words}
                </p>
              ))}
            </div>
          ))}
        </section>
      )}
      {node.options.length > 0 && (
        <section>
          <h3>{t('flowOptions')}</h3>
          <table>
            <thead>
              <tr>
                <th>{t('flowKey')}</th>
                <th>{t('flowGoesTo')}</th>
                <th>{t('flowSay')}</th>
              </tr>
            </thead>
            <tbody>
              {node.options.map((o) => (
                <tr key={o.key}>
                  <td>{o.key}</td>
                  <td>
                    {o.to}
                    {o.label && Object.entries(o.label).map(([lang, label]) => <div key={lang} lang={lang}>{label}</div>)}
                  </td>
                  <td>
                    {Object.entries(o.say).map(([lang, phrases]) => (
                      <div key={lang} lang={lang}>
                        <span className="lang">{lang}</span> {phrases.join('、')}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {node.exits.length > 0 && (
        <section>
          <h3>{t('flowExits')}</h3>
          <ul className="node-exits">
            {node.exits.map((e, i) => (
              <li key={i} className={`arrow-${e.style}`}>
                {e.label} → {e.to}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
