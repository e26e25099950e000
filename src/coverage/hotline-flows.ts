import type { Project } from '../flow/load/load-project';

/** The flows a hotline runs: its flow and after-hours flow, and every subflow they call, transitively. */
export function flowsOfHotline(project: Project, hotlineId: string): Set<string> {
  const hotline = project.hotlines.find((h) => h.id === hotlineId);
  if (!hotline) return new Set();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    const flow = project.env.flows.get(id)?.flow;
    if (!flow) return;
    seen.add(id);
    for (const node of Object.values(flow.nodes)) if (node.type === 'subflow') visit(node.flow);
  };
  visit(hotline.flow);
  visit(hotline.afterHoursFlow);
  return seen;
}
