import type { Clock } from '../../platform/clock';
import { HttpError } from '../http-error';
import type { SoftphoneCall } from './softphone-call';

/**
 * How much the softphone may hold: each call keeps its engine, services and transcript in memory,
 * so a signed-in user (or a stolen token) must not be able to fill the server with them.
 */
export type SoftphoneLimits = {
  /** Calls one user holds at once (ended ones count until they expire or make room). */
  perUser: number;
  /** Calls the whole server holds. */
  total: number;
  /** A call nobody touched for this long is dropped. */
  idleMs: number;
  /** Inputs one call takes (a script that presses forever). */
  maxInputs: number;
};
export const SOFTPHONE_LIMITS: SoftphoneLimits = { perUser: 3, total: 60, idleMs: 15 * 60_000, maxInputs: 300 };

type Held = { owner: string; phone: SoftphoneCall; usedAt: number; busy: boolean };

/**
 * The softphone's calls in progress, by an unguessable id, each visible to the user who placed it
 * only: another user's id answers 404, as an unknown one does.
 */
export function softphoneSessions(clock: Clock, limits: SoftphoneLimits = SOFTPHONE_LIMITS) {
  const held = new Map<string, Held>();
  /** Calls being placed (the engine answers asynchronously): they count against the limits already. */
  const placing = new Map<string, number>();
  const placingCount = (owner?: string) => (owner ? (placing.get(owner) ?? 0) : [...placing.values()].reduce((a, b) => a + b, 0));

  const sweep = () => {
    const now = clock.now();
    for (const [id, h] of held) if (!h.busy && now - h.usedAt > limits.idleMs) held.delete(id);
  };

  return {
    get size() {
      sweep();
      return held.size;
    },

    /**
     * Places a call for `owner` if the limits allow, making room first: their oldest ended call
     * goes; with none ended, 429.
     */
    async place(owner: string, placeCall: () => Promise<SoftphoneCall>): Promise<SoftphoneCall> {
      sweep();
      const mine = [...held.entries()].filter(([, h]) => h.owner === owner).sort((a, b) => a[1].usedAt - b[1].usedAt);
      if (mine.length + placingCount(owner) >= limits.perUser) {
        const ended = mine.find(([, h]) => h.phone.ended && !h.busy);
        if (!ended) throw new HttpError(429, `${owner} already has ${limits.perUser} softphone calls in progress (the most one user holds): hang one up first`);
        held.delete(ended[0]);
      }
      if (held.size + placingCount() >= limits.total) throw new HttpError(429, `the server holds ${held.size} softphone calls (at most ${limits.total}); try again in a few minutes`);
      placing.set(owner, placingCount(owner) + 1);
      try {
        const phone = await placeCall();
        held.set(phone.id, { owner, phone, usedAt: clock.now(), busy: false });
        return phone;
      } finally {
        const left = placingCount(owner) - 1;
        if (left > 0) placing.set(owner, left);
        else placing.delete(owner);
      }
    },

    /**
     * Runs `act` on a call of `owner`, one at a time (two presses at once would race in the
     * engine: the second is refused with 409).
     */
    async use<T>(owner: string, id: string, act: (phone: SoftphoneCall) => Promise<T> | T, opts: { input?: boolean } = {}): Promise<T> {
      sweep();
      const h = held.get(id);
      if (!h || h.owner !== owner) throw new HttpError(404, `no softphone call ${id} of yours (calls idle for ${limits.idleMs / 60_000} min are dropped): place a new one`);
      if (h.busy) throw new HttpError(409, `softphone call ${id} is still taking the previous input: wait for its answer`);
      if (opts.input && h.phone.inputs >= limits.maxInputs) throw new HttpError(429, `softphone call ${id} took ${limits.maxInputs} inputs, the most one call takes: hang up and place a new one`);
      h.busy = true;
      try {
        return await act(h.phone);
      } finally {
        h.busy = false;
        h.usedAt = clock.now();
      }
    },
  };
}
export type SoftphoneSessions = ReturnType<typeof softphoneSessions>;
