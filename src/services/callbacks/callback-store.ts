import type { CallbackJob, CallbackStatus } from './callback-job';

export type CallbackClaim = { now: number; limit: number; leaseMs: number; claimer: string };
export type CallbackQuery = { status?: CallbackStatus; createdFrom?: number; createdTo?: number };

/**
 * The callback schedule: one job per ticket that promises a call back, beside the tickets
 * (memory, SQLite, PostgreSQL). Diallers claim due jobs with a lease; results come from Twilio's
 * status callback. It also remembers the last progress SMS slot of each ticket (see progress-texts.ts).
 */
export interface CallbackStore {
  /** Stores the job unless its ticket has one; returns the stored job either way. */
  scheduleOnce(job: CallbackJob): Promise<CallbackJob>;
  /**
   * Atomically claims up to `limit` pending jobs that are due and held by nobody, holds them for
   * `leaseMs` and marks their attempt started (`dialStartedAt`, kept if an earlier claimer set it).
   */
  claimDue(claim: CallbackClaim): Promise<CallbackJob[]>;
  /**
   * Reads the job, lets `apply` (pure, synchronous) say the new one or undefined for no change,
   * and stores it, as one atomic step. Answers the stored job after, and whether it changed.
   */
  change(ticketId: string, apply: (job: CallbackJob) => CallbackJob | undefined): Promise<{ job: CallbackJob; changed: boolean } | undefined>;
  get(ticketId: string): Promise<CallbackJob | undefined>;
  /** Oldest first. */
  list(query?: CallbackQuery): Promise<CallbackJob[]>;
  /** Records progress SMS slot `slot` of a ticket as sent; false if that slot (or a later one) already was. */
  advanceProgress(ticketId: string, slot: number): Promise<boolean>;
  progressSlot(ticketId: string): Promise<number>;
}

export const claimable = (j: CallbackJob, now: number) => j.status === 'pending' && j.nextAttemptAt <= now && j.claimedUntil <= now;
export const claimedJob = (j: CallbackJob, { now, leaseMs, claimer }: CallbackClaim): CallbackJob => ({ ...j, claimedUntil: now + leaseMs, claimedBy: claimer, dialStartedAt: j.dialStartedAt ?? now });
export const matchesQuery = (j: CallbackJob, q: CallbackQuery) =>
  (!q.status || j.status === q.status) && (q.createdFrom === undefined || j.createdAt >= q.createdFrom) && (q.createdTo === undefined || j.createdAt < q.createdTo);

export function memoryCallbackStore(): CallbackStore {
  const jobs = new Map<string, CallbackJob>();
  const progress = new Map<string, number>();
  const copy = (j: CallbackJob): CallbackJob => structuredClone(j);
  return {
    async scheduleOnce(job) {
      if (!jobs.has(job.ticketId)) jobs.set(job.ticketId, copy(job));
      return copy(jobs.get(job.ticketId)!);
    },
    async claimDue(claim) {
      const due = [...jobs.values()]
        .filter((j) => claimable(j, claim.now))
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt)
        .slice(0, claim.limit);
      return due.map((j) => {
        const held = claimedJob(j, claim);
        jobs.set(j.ticketId, held);
        return copy(held);
      });
    },
    async change(ticketId, apply) {
      const stored = jobs.get(ticketId);
      if (!stored) return undefined;
      const next = apply(copy(stored));
      if (!next) return { job: copy(stored), changed: false };
      jobs.set(ticketId, copy({ ...next, ticketId }));
      return { job: copy(next), changed: true };
    },
    get: async (ticketId) => {
      const j = jobs.get(ticketId);
      return j && copy(j);
    },
    list: async (q = {}) => [...jobs.values()].filter((j) => matchesQuery(j, q)).sort((a, b) => a.createdAt - b.createdAt).map(copy),
    async advanceProgress(ticketId, slot) {
      if ((progress.get(ticketId) ?? 0) >= slot) return false;
      progress.set(ticketId, slot);
      return true;
    },
    progressSlot: async (ticketId) => progress.get(ticketId) ?? 0,
  };
}
