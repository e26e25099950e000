import { isEmptyDiff, type FlowDiff, type NodeChange, type ReleaseDiff } from './release-diff';

/** A release diff as lines a designer reads in a terminal (ivr publish, ivr diff). */
export function formatReleaseDiff(d: ReleaseDiff): string {
  if (isEmptyDiff(d)) return '  no changes\n';
  const lines: string[] = [];
  for (const f of d.flows) lines.push(...flowLines(f));
  for (const c of d.catalogue) {
    const parts = [...few(c.added, '+'), ...few(c.removed, '-'), ...few(c.changed, '~')];
    lines.push(`  prompts ${c.lang}: ${parts.join(' ')}`);
  }
  for (const f of d.files) lines.push(`  ${f.path}: ${f.change}`);
  return `${lines.join('\n')}\n`;
}

/** Up to 8 keys with their sign, then how many more (a first release adds a hundred). */
function few(keys: readonly string[], sign: string): string[] {
  const shown = keys.slice(0, 8).map((k) => `${sign}${k}`);
  return keys.length > 8 ? [...shown, `(${sign}${keys.length - 8} more)`] : shown;
}

function flowLines(f: FlowDiff): string[] {
  if (f.change === 'added') return [`  flow ${f.id}: added (${f.nodes} nodes)`];
  if (f.change === 'removed') return [`  flow ${f.id}: removed (had ${f.nodes} nodes)`];
  if (f.change === 'layout') return [`  flow ${f.id}: comments or layout only`];
  return [`  flow ${f.id}:`, ...(f.settings.length ? [`    flow settings changed: ${f.settings.join(', ')}`] : []), ...f.nodes.map((n) => `    ${nodeLine(n)}`)];
}

function nodeLine(n: NodeChange): string {
  switch (n.kind) {
    case 'added':
      return `+ node ${n.node} (${n.type})`;
    case 'removed':
      return `- node ${n.node} (${n.type})`;
    case 'type':
      return `~ node ${n.node}: ${n.from} → ${n.to}`;
    case 'option-added':
      return `~ node ${n.node}: option ${n.key} added`;
    case 'option-removed':
      return `~ node ${n.node}: option ${n.key} removed`;
    case 'text':
      return `~ node ${n.node}: ${n.at} text changed (${n.lang})`;
    case 'fields':
      return `~ node ${n.node}: ${n.fields.join(', ')} changed`;
  }
}
