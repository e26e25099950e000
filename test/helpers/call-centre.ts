import { loadCallCentre } from '../../src/call-centre/load-call-centre';
import type { CallCentre } from '../../src/call-centre/call-centre';

/** The shipped call centre (flows/queues.yaml, ticket-categories.yaml, agents.yaml), for services built without a project. */
export function shippedCentre(): CallCentre {
  const { centre, diagnostics } = loadCallCentre('flows');
  if (!centre) throw new Error(`the shipped call centre does not load: ${JSON.stringify(diagnostics)}`);
  return centre;
}
