import { retainUntil } from '../retention/retention-policy';
import type { AgentRecording, CallRecord } from '../stores/calls/call-record';

/** What Twilio's recordingStatusCallback told about one finished recording of an agent leg. */
export type ArrivedRecording = { sid: string; url: string; agent: string; durationSec?: number };

/**
 * The record with this recording on it (pure). Keyed by RecordingSid: a retried callback, or
 * the same callback reaching two servers, leaves one recording, the first one's. Kept 6 months
 * from its arrival, as the call's own recording.
 */
export function withAgentRecording(record: CallRecord, rec: ArrivedRecording, at: number): CallRecord {
  const kept = record.agentRecordings ?? [];
  if (kept.some((r) => r.sid === rec.sid)) return record;
  const added: AgentRecording = { sid: rec.sid, url: rec.url, agent: rec.agent, ...(rec.durationSec !== undefined ? { durationSec: rec.durationSec } : {}), at, retainUntil: retainUntil(at) };
  return { ...record, agentRecordings: [...kept, added] };
}
