import type { DrivenTurn } from '../../call/drive-turn';
import type { Input } from '../../flow/runtime/input';
import type { CallSnapshot } from '../../flow/runtime/turn';
import type { CallRecord } from '../../stores/calls/call-record';

/** A turn the flow answered: where the call rested before it (absent for the ring), the input, what the flow did. */
export type ObservedTurn = {
  hotline: string;
  flowId: string;
  /** Absent for the ring. */
  input?: Input;
  before?: CallSnapshot;
  driven: DrivenTurn;
  ms: number;
};

/**
 * What the webhooks tell whoever watches the calls (the Prometheus metrics). Every method is a
 * synchronous notification that must not throw: watching never changes how a call goes.
 */
export type CallObserver = {
  callStarted(call: { hotline: string; afterHours: boolean }): void;
  turn(turn: ObservedTurn): void;
  /** A turn answered with an apology; `queue` when the caller was put through to a person. */
  fault(fault: { hotline?: string; queue?: string }): void;
  /** Twilio's status callback closed the call (the first callback only). */
  callEnded(record: CallRecord): void;
  /**
   * The call record could not be written although the caller was answered: a turn's entry after
   * its session was stored ('turn'), or an apology's fault ('fault'); 'unstored' when not even the
   * apology could be stored as the turn's reply (the store was unreachable).
   */
  recordMissed(missed: { what: 'turn' | 'fault' | 'unstored' }): void;
  /** A caller answered the satisfaction SMS with a rating; `variants`: the A/B variants their call was given (CallRecord.variants). */
  surveyRated(answer: { rating: number; variants?: Record<string, string> }): void;
};
