import type { BoxKind, Diagram } from './diagram';

const SHAPES: Record<BoxKind, string> = {
  step: 'box',
  question: 'diamond',
  identity: 'hexagon',
  ticket: 'note',
  sms: 'cds',
  person: 'house',
  voicemail: 'cylinder',
  subflow: 'component',
  end: 'doublecircle',
};
const FILLS: Partial<Record<BoxKind, string>> = { person: '#ffe3e3', ticket: '#fff3bf', identity: '#e7f5ff', subflow: '#f3f0ff', end: '#f1f3f5' };

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** The diagram in Graphviz DOT (`dot -Tsvg`); subflow boxes carry the URL of the called flow's page. */
export function toDot(d: Diagram, linkTo: (flowId: string) => string = (id) => `${id}.svg`): string {
  const lines = [`digraph ${quote(d.flowId)} {`, '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=11, style=filled, fillcolor=white];', '  edge [fontname="Helvetica", fontsize=10];'];
  lines.push('  "__start" [shape=point, width=0.2];', `  "__start" -> ${quote(d.start)};`);
  for (const b of d.boxes) {
    const attrs = [`label=${quote(`${b.title}\n${b.detail}`)}`, `shape=${SHAPES[b.kind]}`];
    if (FILLS[b.kind]) attrs.push(`fillcolor=${quote(FILLS[b.kind]!)}`);
    if (b.link) attrs.push(`URL=${quote(linkTo(b.link))}`);
    lines.push(`  ${quote(b.id)} [${attrs.join(', ')}];`);
  }
  for (const a of d.arrows) {
    const style = a.style === 'normal' ? '' : a.style === 'failure' ? ', style=dotted' : ', style=dashed';
    lines.push(`  ${quote(a.from)} -> ${quote(a.to)} [label=${quote(a.label)}${style}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
