import type { FlowSource } from './flow-source';

/**
 * The flow variables an agent may see (screen-pop): what the caller keyed at a `gather` that is
 * not `sensitive` (order id, content id, campaign id) and what a `set` node wrote, in this flow
 * and every flow it calls. An allow-list on purpose: a var a sensitive gather writes anywhere in
 * these flows is left out even where another node writes it too, and anything the runtime or an
 * effect adds (recordingUrl, ticketId…) is not a keyed id and has its own field.
 */
export function keyedVarNames(rootId: string, flows: ReadonlyMap<string, FlowSource>): string[] {
  const allowed = new Set<string>();
  const secret = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    const src = flows.get(id);
    if (!src || seen.has(id)) return;
    seen.add(id);
    for (const node of Object.values(src.flow.nodes)) {
      if (node.type === 'gather') (node.sensitive ? secret : allowed).add(node.var);
      else if (node.type === 'set') for (const name of Object.keys(node.vars ?? {})) allowed.add(name);
      else if (node.type === 'subflow') visit(node.flow);
    }
  };
  visit(rootId);
  return [...allowed].filter((name) => !secret.has(name)).sort();
}

/** Only the allowed vars of `vars`. */
export function keyedVars(vars: Readonly<Record<string, string>>, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of allowed) if (vars[name] !== undefined) out[name] = vars[name];
  return out;
}
