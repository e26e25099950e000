import type { Project } from '../flow/load/load-project';

/**
 * A call script's `variants:` (node id or `<flow>/<node>` → variant) checked against the project:
 * a pin that names no split node, or no variant of it, would silently fall back to the caller's
 * draw, so it is an error that says what exists.
 */
export function pinnedVariantProblems(project: Project, pinned: Readonly<Record<string, string>>): string[] {
  const splits = new Map<string, string[]>();
  for (const [flowId, { flow }] of project.env.flows) {
    for (const [nodeId, node] of Object.entries(flow.nodes)) {
      if (node.type !== 'split') continue;
      const names = Object.keys(node.variants);
      splits.set(`${flowId}/${nodeId}`, names);
      // A bare node id names the split in whichever flow has it (the first, if several do).
      if (!splits.has(nodeId)) splits.set(nodeId, names);
    }
  }
  const problems: string[] = [];
  for (const [key, variant] of Object.entries(pinned)) {
    const names = splits.get(key);
    if (!names) problems.push(`"${key}" is not a split node (split nodes: ${[...splits.keys()].filter((k) => k.includes('/')).join(', ') || 'none'})`);
    else if (!names.includes(variant)) problems.push(`split "${key}" has no variant "${variant}" (its variants: ${names.join(', ')})`);
  }
  return problems;
}

/**
 * The splits a call went through that its script did not pin. A real caller's variant comes
 * from a draw that changes with every published version, so such a script would pass or fail by
 * chance after any edit: it must say which variant it tests.
 */
export function unpinnedSplits(taken: Readonly<Record<string, string>>, pinned: Readonly<Record<string, string>>): string[] {
  return Object.entries(taken)
    .filter(([split]) => pinned[split] === undefined && pinned[split.slice(split.indexOf('/') + 1)] === undefined)
    .map(([split, variant]) => `the call went through split "${split}" (variant "${variant}" by the caller's draw, which changes with every version): pin it, e.g. \`variants: { ${split.slice(split.indexOf('/') + 1)}: ${variant} }\``);
}
