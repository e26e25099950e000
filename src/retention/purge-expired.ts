import type { TicketStore } from '../services/tickets/ticket-store';
import type { CallRecord } from '../stores/calls/call-record';
import type { CallRetentionStore } from '../stores/calls/call-retention';
import type { CallStore } from '../stores/calls/call-store';
import type { RecordingRemover } from './recording-remover';
import { purgeCandidatesBefore, retainUntil, serviceCutoff, SERVICE_RETENTION_KINDS, type ServiceRetentionKind } from './retention-policy';
import type { ServiceRetentionStore } from './service-retention';
import type { QaStore } from '../stores/qa/qa-store';

/** Records read per page, and pages per run; a run that reads them all says so, and the next goes on. */
export const PURGE_BATCH = 5_000;
const MAX_PAGES = 40;

export type PurgeCounts = { callRecords: number; recordings: number } & Record<ServiceRetentionKind, number>;

export type PurgeReport = {
  /** Whether anything was changed (false: what `--now` would do). */
  applied: boolean;
  /** Call records past retention (deleted when applied). */
  calls: string[];
  /**
   * Recordings past retention, on calls and their tickets: deleted at Twilio and their references
   * removed when applied (`removal` says what Twilio answered).
   */
  recordings: Array<{ callSid: string; url: string; tickets: string[]; removal?: 'deleted' | 'gone' | 'not-twilio'; /** An agent leg's recording: whose. */ agent?: string }>;
  /** Recordings Twilio could not delete: their references (and call records) stay for the next run. */
  kept: Array<{ callSid: string; url: string; detail: string }>;
  /** How many of each kind (would be) removed. */
  counts: PurgeCounts;
  /** More candidates than one batch: run again. */
  more: boolean;
};

/** The record without the agent recording `sid` (the field goes with the last one). */
function withoutAgentRecording({ agentRecordings, ...rest }: CallRecord, sid: string): CallRecord {
  const left = (agentRecordings ?? []).filter((a) => a.sid !== sid);
  return left.length ? { ...rest, agentRecordings: left } : rest;
}

/** What a record's recording is kept until: its own date, or (older records) its call's. */
const recordingUntil = (r: CallRecord) => r.recordingRetainUntil ?? retainUntil(r.startedAt);

/**
 * Removes what is past retention at `now`: call records 6 months after the call (and their
 * quality-review marks); recordings (the voicemail, the agents' legs) 6 months after they were made, at Twilio first and then their references on the call record and
 * on the tickets that carry them (the tickets themselves stay: staff may still need them); and
 * the caller services' texts, numbers and look-ups past their use (SERVICE_RETENTION). A
 * recording Twilio fails to delete keeps its references, and its call record, for the next run,
 * so no recording is left at Twilio without a record pointing at it. `apply: false` only says
 * what it would do and contacts nobody. Through the store interfaces only, so every database can run it.
 */
export async function purgeExpired(
  deps: {
    calls: CallStore;
    retention: CallRetentionStore;
    tickets: TicketStore;
    services?: ServiceRetentionStore;
    recordings: RecordingRemover;
    /** Quality-review marks, forgotten with the call records they belong to. */
    qa?: Pick<QaStore, 'forgetCalls'>;
  },
  opts: { now: number; apply: boolean },
): Promise<PurgeReport> {
  const { records: candidates, more } = await readCandidates(deps.calls, purgeCandidatesBefore(opts.now));
  const expired = new Set(candidates.filter((r) => retainUntil(r.startedAt) <= opts.now).map((r) => r.callSid));
  const recordings: PurgeReport['recordings'] = [];
  const kept: PurgeReport['kept'] = [];
  for (const r of candidates) {
    // The agents' legs first: a recording Twilio keeps keeps its call record too. One that
    // arrived after the call began is due with its record all the same, never left unreferenced.
    for (const a of (r.agentRecordings ?? []).filter((a) => a.retainUntil <= opts.now || expired.has(r.callSid))) {
      if (!opts.apply) {
        recordings.push({ callSid: r.callSid, url: a.url, tickets: [], agent: a.agent });
        continue;
      }
      const removal = await deps.recordings.remove(a.url);
      if (removal.result === 'failed') {
        kept.push({ callSid: r.callSid, url: a.url, detail: removal.detail });
        expired.delete(r.callSid);
        continue;
      }
      recordings.push({ callSid: r.callSid, url: a.url, tickets: [], removal: removal.result, agent: a.agent });
      if (!expired.has(r.callSid)) await deps.calls.update(r.callSid, (rec) => withoutAgentRecording(rec, a.sid));
    }
    if (!r.recordingUrl || recordingUntil(r) > opts.now) continue;
    const url = r.recordingUrl;
    const tickets = (await deps.tickets.list({ callSid: r.callSid })).filter((t) => t.recordingUrl !== undefined || t.vars.recordingUrl !== undefined);
    if (!opts.apply) {
      recordings.push({ callSid: r.callSid, url, tickets: tickets.map((t) => t.id) });
      continue;
    }
    const removal = await deps.recordings.remove(url);
    if (removal.result === 'failed') {
      kept.push({ callSid: r.callSid, url, detail: removal.detail });
      expired.delete(r.callSid);
      continue;
    }
    recordings.push({ callSid: r.callSid, url, tickets: tickets.map((t) => t.id), removal: removal.result });
    for (const t of tickets) {
      await deps.tickets.change(t.id, ({ recordingUrl: _url, vars: { recordingUrl: _var, ...vars }, ...rest }) => ({ ...rest, vars }));
    }
    if (!expired.has(r.callSid)) {
      await deps.calls.update(r.callSid, ({ recordingUrl: _url, recordingRetainUntil: _until, ...rest }) => rest);
    }
  }
  const calls = [...expired];
  if (opts.apply && calls.length) {
    await deps.retention.deleteCalls(calls);
    await deps.qa?.forgetCalls(calls);
  }

  const counts: PurgeCounts = {
    callRecords: calls.length,
    recordings: recordings.length,
    ...(Object.fromEntries(SERVICE_RETENTION_KINDS.map((kind) => [kind, 0])) as Record<ServiceRetentionKind, number>),
  };
  for (const kind of SERVICE_RETENTION_KINDS) {
    if (!deps.services) continue;
    const before = serviceCutoff(kind, opts.now);
    counts[kind] = opts.apply ? await deps.services.purge(kind, before) : await deps.services.count(kind, before);
  }
  return { applied: opts.apply, calls, recordings, kept, counts, more };
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
