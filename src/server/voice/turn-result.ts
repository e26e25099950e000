import type { DrivenTurn } from '../../call/drive-turn';
import type { TurnEntry } from '../../stores/calls/call-record';

/** Where a turn left the call: still in the flow, put through to a person, or hung up. */
export function turnResult(turn: DrivenTurn): TurnEntry['result'] {
  if (turn.end?.kind === 'transfer') return 'transferred';
  if (turn.end || turn.snapshot.status === 'done' || !turn.await) return 'hangup';
  return 'waiting';
}
