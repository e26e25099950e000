import { loadCallCentre } from '../../src/call-centre/load-call-centre';
import type { CallCentre } from '../../src/call-centre/call-centre';

let shipped: CallCentre | undefined;

/** The shipped call centre (flows/queues.yaml, ticket-categories.yaml, agents.yaml), for services built without a project; read once. */
export function shippedCentre(): CallCentre {
  if (shipped) return shipped;
  const { centre, diagnostics } = loadCallCentre('flows');
  if (!centre) throw new Error(`the shipped call centre does not load: ${JSON.stringify(diagnostics)}`);
  return (shipped = centre);
}
