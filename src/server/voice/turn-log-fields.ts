import type { DrivenTurn } from '../../call/drive-turn';

/**
 * What a turn did besides moving through the flow, for its log line: the effects performed (kind,
 * whether it worked, how long it took; never their arguments, which hold numbers and codes), the
 * tickets it opened and the queue it put the caller through to.
 */
export function turnLogFields(turn: DrivenTurn): Record<string, unknown> {
  const tickets = turn.performed.flatMap((p) =>
    p.result.ok && p.result.kind === 'createTicket' ? [p.result.value.ticketId] : [],
  );
  return {
    ...(turn.performed.length ? { effects: turn.performed.map((p) => ({ kind: p.effect.kind, ok: p.result.ok, ms: p.ms })) } : {}),
    ...(tickets.length ? { tickets } : {}),
    ...(turn.end?.kind === 'transfer' ? { transfer: turn.end.queue ?? 'number' } : {}),
  };
}
