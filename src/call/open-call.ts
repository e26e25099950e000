import { isOpen, routeCall, tryNormalizeNumber, countryOfNumber, type Hotline } from '../hotlines';
import type { CompiledFlow } from '../flow/compile/compile-flow';
import type { Project } from '../flow/load/load-project';
import { startCall } from '../flow/runtime/runtime';
import type { Turn } from '../flow/runtime/turn';

/** `pinnedVariants`: test only (call scripts), see CallInfo. */
export type IncomingCall = { sid: string; to: string; from: string; fromCountry?: string; now: number; pinnedVariants?: Record<string, string> };
export type OpenedCall =
  | { kind: 'answered'; hotline: Hotline; flow: CompiledFlow; afterHours: boolean; turn: Turn }
  | { kind: 'notInService'; to: string };

/**
 * Answers a new call: picks the hotline from the dialled number and the caller's country, its
 * entry flow when open or its after-hours flow when closed, and starts the flow in the hotline's
 * first language. Pure: the time comes in with the call.
 */
export function openCall(project: Project, call: IncomingCall, flowFor = (id: string) => project.flows.get(id)): OpenedCall {
  const hotline = routeCall(project.hotlines, { to: call.to, from: call.from, fromCountry: call.fromCountry });
  if (!hotline) return { kind: 'notInService', to: call.to };
  const afterHours = !isOpen(hotline, call.now);
  const flowId = afterHours ? hotline.afterHoursFlow : hotline.flow;
  const flow = flowFor(flowId);
  if (!flow) throw new Error(`hotline "${hotline.id}" names flow "${flowId}", which is not loaded`);
  const from = tryNormalizeNumber(call.from) ?? call.from;
  const country = call.fromCountry ?? countryOfNumber(from);
  const turn = startCall(
    flow,
    { sid: call.sid, from, to: tryNormalizeNumber(call.to) ?? call.to, ...(country ? { country } : {}), hotline: hotline.id, timezone: hotline.timezone, ...(call.pinnedVariants ? { pinnedVariants: call.pinnedVariants } : {}) },
    hotline.languages[0],
    call.now,
  );
  return { kind: 'answered', hotline, flow, afterHours, turn };
}
