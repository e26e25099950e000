import type { DrivenTurn } from '../../call/drive-turn';
import type { TurnEntry } from '../../stores/calls/call-record';

/** Where a turn left the call: still in the flow (a dial ringing too), put through to a person, or hung up. */
export function turnResult(turn: DrivenTurn): TurnEntry['result'] {
  if (turn.end?.kind === 'transfer' || turn.dialled?.result === 'answered') return 'transferred';
  if (turn.end || turn.snapshot.status === 'done' || !turn.await) return 'hangup';
  return 'waiting';
}
