import type { DrivenTurn } from '../../call/drive-turn';
import { maskPhone } from '../../hotlines';

/**
 * What a turn did besides moving through the flow, for its log line: the effects performed (kind,
 * whether it worked, how long it took; never their arguments, which hold numbers and codes), the
 * tickets it opened, the queue it put the caller through to, and a dial it started or settled
 * (the number masked like every number in the logs).
 */
export function turnLogFields(turn: DrivenTurn): Record<string, unknown> {
  const tickets = turn.performed.flatMap((p) =>
    p.result.ok && p.result.kind === 'createTicket' ? [p.result.value.ticketId] : [],
  );
  return {
    ...(turn.performed.length ? { effects: turn.performed.map((p) => ({ kind: p.effect.kind, ok: p.result.ok, ms: p.ms })) } : {}),
    ...(tickets.length ? { tickets } : {}),
    ...(turn.end?.kind === 'transfer' ? { transfer: turn.end.queue } : {}),
    ...(turn.await?.kind === 'dial' ? { dialling: maskPhone(turn.await.number) } : {}),
    ...(turn.dialled ? { dialled: { number: maskPhone(turn.dialled.number), result: turn.dialled.result, talkSec: turn.dialled.talkSec } } : {}),
  };
}
