import type { BoxKind, Diagram } from './diagram';

const SHAPES: Record<BoxKind, [string, string]> = {
  step: ['["', '"]'],
  question: ['{"', '"}'],
  identity: ['{{"', '"}}'],
  ticket: ['[/"', '"/]'],
  sms: ['>"', '"]'],
  person: ['(["', '"])'],
  voicemail: ['[("', '")]'],
  subflow: ['[["', '"]]'],
  end: ['(("', '"))'],
};

const CLASSES: Partial<Record<BoxKind, string>> = {
  person: 'fill:#ffe3e3,stroke:#c92a2a',
  ticket: 'fill:#fff3bf,stroke:#e67700',
  identity: 'fill:#e7f5ff,stroke:#1971c2',
  subflow: 'fill:#f3f0ff,stroke:#6741d9',
  end: 'fill:#f1f3f5,stroke:#868e96',
};

/** Mermaid wants ids of letters, digits and _; keep them readable, and apart. */
export function diagramIds(d: Diagram): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const b of d.boxes) {
    let id = `n_${b.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    while (used.has(id)) id += '_';
    used.add(id);
    ids.set(b.id, id);
  }
  return ids;
}

const text = (s: string) => s.replace(/"/g, '#quot;');

/**
 * The diagram as a Mermaid flowchart (GitHub renders it in Markdown). Arrows after repeated
 * failures are dotted, the person key and default routes dashed-thin; subflow boxes link to the
 * called flow's page (`linkTo`).
 */
export function toMermaid(d: Diagram, linkTo: (flowId: string) => string = (id) => `${id}.md`): string {
  const ids = diagramIds(d);
  const lines = ['flowchart TD', `  start((" ")) --> ${ids.get(d.start)}`];
  for (const b of d.boxes) {
    const [open, close] = SHAPES[b.kind];
    lines.push(`  ${ids.get(b.id)}${open}${text(`<b>${b.title}</b><br/>${b.detail}`)}${close}`);
  }
  for (const a of d.arrows) {
    const arrow = a.style === 'normal' ? '-->' : '-.->';
    lines.push(`  ${ids.get(a.from)} ${arrow}|"${text(a.label)}"| ${ids.get(a.to) ?? `missing_${a.to}`}`);
  }
  for (const b of d.boxes) if (b.link) lines.push(`  click ${ids.get(b.id)} "${linkTo(b.link)}" "open flow ${b.link}"`);
  for (const [kind, style] of Object.entries(CLASSES)) {
    const members = d.boxes.filter((b) => b.kind === kind).map((b) => ids.get(b.id));
    if (members.length) lines.push(`  classDef ${kind}Box ${style}`, `  class ${members.join(',')} ${kind}Box`);
  }
  return `${lines.join('\n')}\n`;
}
