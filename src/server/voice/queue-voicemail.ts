import type { Queue } from '../../flow/runtime/turn';
import { retainUntil } from '../../retention/retention-policy';
import { queuePriority } from '../../call-centre/call-centre';
import { callerOf, noteTicketOnRecord, type Callback, type CallbackDeps } from './queue-callback';

/**
 * The voicemail a caller left instead of waiting in `queue` (its overflow offer): a `voicemail`
 * ticket holding the recording, made by the ticket service like a flow's voicemail node makes it
 * (number texted through the outbox). Keyed by the call, so Twilio posting the recording twice
 * opens one ticket. The recording is kept on the call record with its retention date, so
 * `ivr purge` deletes it in time. Throws when the call is unknown or the ticket cannot be made.
 */
export async function takeVoicemail(deps: CallbackDeps, callSid: string, queue: Queue, recordingUrl: string): Promise<Callback> {
  const call = await callerOf(deps, callSid);
  if (!call) throw new Error(`no call ${callSid} to take a voicemail for (it never rang here, or expired)`);
  const made = await deps.handlers.createTicket({
    id: 'queue-voicemail',
    kind: 'createTicket',
    key: `${callSid}/queue-voicemail`,
    args: { category: 'voicemail', priority: queuePriority(deps.centre, queue), summary: `排队未接通，客户留言（${queue}队列）`, notify: true, vars: { recordingUrl } },
    call,
  });
  const id = made.ticketId;
  const at = deps.now();
  await noteTicketOnRecord(deps, callSid, (r) => ({
    ...r,
    ticketIds: r.ticketIds.includes(id) ? r.ticketIds : [...r.ticketIds, id],
    recordingUrl,
    recordingRetainUntil: r.recordingRetainUntil ?? retainUntil(at),
  }));
  return { id, slaMinutes: made.slaMinutes };
}
