import type { TicketStore } from '../services/tickets/ticket-store';
import type { CallRecord } from '../stores/calls/call-record';
import type { CallRetentionStore } from '../stores/calls/call-retention';
import type { CallStore } from '../stores/calls/call-store';
import { purgeCandidatesBefore, retainUntil } from './retention-policy';

/** Records read per page, and pages per run; a run that reads them all says so, and the next goes on. */
export const PURGE_BATCH = 5_000;
const MAX_PAGES = 40;

export type PurgeReport = {
  /** Whether anything was changed (false: what `--now` would do). */
  applied: boolean;
  /** Call records past retention (deleted when applied). */
  calls: string[];
  /** Recording references past retention, on calls and their tickets (removed when applied). */
  recordings: Array<{ callSid: string; url: string; tickets: string[] }>;
  /** More candidates than one batch: run again. */
  more: boolean;
};

/** What a record's recording is kept until: its own date, or (older records) its call's. */
const recordingUntil = (r: CallRecord) => r.recordingRetainUntil ?? retainUntil(r.startedAt);

/**
 * Removes what is past retention at `now`: call records 6 months after the call, and recording
 * references 6 months after the recording — from the call record and from the tickets that
 * carry them (the tickets themselves stay: staff may still need them). `apply: false` only says
 * what it would do. Through the store interfaces only, so every database can run it.
 */
export async function purgeExpired(
  deps: { calls: CallStore; retention: CallRetentionStore; tickets: TicketStore },
  opts: { now: number; apply: boolean },
): Promise<PurgeReport> {
  const { records: candidates, more } = await readCandidates(deps.calls, purgeCandidatesBefore(opts.now));
  const expired = candidates.filter((r) => retainUntil(r.startedAt) <= opts.now);
  const recordings: PurgeReport['recordings'] = [];
  for (const r of candidates) {
    if (!r.recordingUrl || recordingUntil(r) > opts.now) continue;
    const tickets = (await deps.tickets.list({ callSid: r.callSid })).filter((t) => t.recordingUrl !== undefined || t.vars.recordingUrl !== undefined);
    recordings.push({ callSid: r.callSid, url: r.recordingUrl, tickets: tickets.map((t) => t.id) });
    if (!opts.apply) continue;
    for (const t of tickets) {
      await deps.tickets.change(t.id, ({ recordingUrl: _url, vars: { recordingUrl: _var, ...vars }, ...rest }) => ({ ...rest, vars }));
    }
    if (retainUntil(r.startedAt) > opts.now) {
      await deps.calls.update(r.callSid, ({ recordingUrl: _url, recordingRetainUntil: _until, ...rest }) => rest);
    }
  }
  if (opts.apply && expired.length) await deps.retention.deleteCalls(expired.map((r) => r.callSid));
  return { applied: opts.apply, calls: expired.map((r) => r.callSid), recordings, more };
}

/** Calls started before `before`, newest first, page by page, up to MAX_PAGES pages. */
async function readCandidates(calls: CallStore, before: number): Promise<{ records: CallRecord[]; more: boolean }> {
  const seen = new Map<string, CallRecord>();
  let to = before;
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await calls.list({ to, limit: PURGE_BATCH });
    const fresh = batch.filter((r) => !seen.has(r.callSid));
    for (const r of fresh) seen.set(r.callSid, r);
    if (batch.length < PURGE_BATCH || fresh.length === 0) return { records: [...seen.values()], more: false };
    // Calls started in the same millisecond as the page's oldest are read again, and skipped.
    to = batch[batch.length - 1].startedAt + 1;
  }
  return { records: [...seen.values()], more: true };
}
