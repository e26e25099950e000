import type { CallRecord } from '../stores/calls/call-record';

/** A call is resolved at first contact when the same number does not call again within this time. */
export const REPEAT_WINDOW_MS = 48 * 60 * 60_000;

export type FirstContact = {
  /** Calls whose 48 hours are over, or that were already repeated: the ones judged. */
  judged: number;
  resolved: number;
  /** resolved / judged, null without a judged call. */
  rate: number | null;
  /** Calls still inside their 48 hours without a repeat: not judged yet. */
  pending: number;
  /** Calls without a caller number to compare (withheld, anonymous): not judged. */
  unknownCaller: number;
};

/**
 * First-contact resolution of `calls`: a call counts as resolved when no call from the same
 * number (to any hotline) started within 48 hours after it. `all` holds every call that may be a
 * repeat (the period and the 48 hours after it). Pure.
 */
export function firstContact(calls: readonly CallRecord[], all: readonly CallRecord[], now: number): FirstContact {
  const byCaller = new Map<string, number[]>();
  for (const c of all) {
    if (!isNumber(c.caller)) continue;
    const starts = byCaller.get(c.caller) ?? [];
    starts.push(c.startedAt);
    byCaller.set(c.caller, starts);
  }
  let judged = 0;
  let resolved = 0;
  let pending = 0;
  let unknownCaller = 0;
  for (const c of calls) {
    if (!isNumber(c.caller)) {
      unknownCaller++;
      continue;
    }
    const repeated = (byCaller.get(c.caller) ?? []).some((at) => at > c.startedAt && at <= c.startedAt + REPEAT_WINDOW_MS);
    if (repeated) judged++;
    else if (c.startedAt + REPEAT_WINDOW_MS <= now) {
      judged++;
      resolved++;
    } else pending++;
  }
  return { judged, resolved, rate: judged ? resolved / judged : null, pending, unknownCaller };
}

/** The figures from counts of the calls by how they stand (the SQL stores count them in the database). */
export function firstContactFromCounts(c: { unknownCaller: number; repeated: number; resolved: number; pending: number }): FirstContact {
  const judged = c.repeated + c.resolved;
  return { judged, resolved: c.resolved, rate: judged ? c.resolved / judged : null, pending: c.pending, unknownCaller: c.unknownCaller };
}

/** A caller number the repeat rule compares: E.164, 6 to 15 digits (the SQL stores test the same). */
export const isNumber = (caller: string) => /^\+\d{6,15}$/.test(caller);
