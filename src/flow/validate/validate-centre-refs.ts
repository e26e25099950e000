import { ENGINE_CALLBACK_CATEGORY, ENGINE_QUEUE, type CallCentre } from '../../call-centre/call-centre';
import type { CallCentreSources } from '../../call-centre/load-call-centre';
import { didYouMeanSuffix, type Diagnostic, type SourceFile } from '../../diagnostics';
import type { Hotline } from '../../hotlines';
import type { FlowSource } from '../compile/flow-source';


/**
 * Every queue and ticket category a flow or a line names must be in queues.yaml and
 * ticket-categories.yaml, and the ones the engine itself uses must be there too: a typo fails
 * validation with a suggestion instead of stranding a caller at run time.
 */
export function validateCentreRefs(
  flows: ReadonlyMap<string, FlowSource>,
  hotlines: readonly Hotline[],
  hotlinesSource: SourceFile,
  centre: CallCentre,
  sources: CallCentreSources,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const queues = centre.queues;
  const categories = centre.categories;
  for (const { flow, source } of flows.values()) {
    for (const [id, node] of Object.entries(flow.nodes)) {
      if (node.type === 'transfer' && node.queue !== undefined && !queues.has(node.queue)) {
        out.push({ file: source.file, ...source.locate(['nodes', id, 'queue']), message: `queue "${node.queue}" is not in queues.yaml${didYouMeanSuffix(node.queue, queues.keys())}; add it there or name one of: ${[...queues.keys()].join(', ')}` });
      }
      if (node.type === 'ticket' && !categories.has(node.category)) {
        out.push({ file: source.file, ...source.locate(['nodes', id, 'category']), message: `ticket category "${node.category}" is not in ticket-categories.yaml${didYouMeanSuffix(node.category, categories.keys())}; add it there or name one of: ${[...categories.keys()].join(', ')}` });
      }
    }
  }
  hotlines.forEach((h, i) => {
    if (h.queue !== undefined && !queues.has(h.queue)) {
      out.push({ file: hotlinesSource.file, ...hotlinesSource.locate(['hotlines', i, 'queue']), message: `hotline "${h.id}" names queue "${h.queue}", which is not in queues.yaml${didYouMeanSuffix(h.queue, queues.keys())}` });
    }
  });
  if (!queues.has(ENGINE_QUEUE) && sources.queues) {
    out.push({ file: sources.queues.file, ...sources.queues.locate(['queues']), message: `queues.yaml needs a queue "${ENGINE_QUEUE}": the engine puts callers there when a call fails mid-flow` });
  }
  if (!categories.has(ENGINE_CALLBACK_CATEGORY) && sources.categories) {
    out.push({ file: sources.categories.file, ...sources.categories.locate(['categories']), message: `ticket-categories.yaml needs a category "${ENGINE_CALLBACK_CATEGORY}": the engine books it when a waiting caller asks for a call back` });
  }
  return out;
}
