import { CallbackJobSchema, type CallbackJob } from '../../services/callbacks/callback-job';

/**
 * A callback job as both SQL stores keep it: what claims and queries filter on in columns, the
 * rest (numbers, policy, attempt results) in `data` as JSON. The columns win over `data` on reading.
 */
export type CallbackRow = {
  ticket_id: string;
  status: string;
  next_attempt_at: number | string;
  claimed_until: number | string;
  claimed_by: string | null;
  dial_started_at: number | string | null;
  attempts: number;
  created_at: number | string;
  data: string | Record<string, unknown>;
};

export function toCallbackRow(j: CallbackJob) {
  const { ticketId, status, nextAttemptAt, claimedUntil, claimedBy, dialStartedAt, attempts, createdAt, ...data } = j;
  return {
    ticket_id: ticketId,
    status,
    next_attempt_at: nextAttemptAt,
    claimed_until: claimedUntil,
    claimed_by: claimedBy ?? null,
    dial_started_at: dialStartedAt ?? null,
    attempts,
    created_at: createdAt,
    data: JSON.stringify(data),
  };
}

export function toCallbackJob(r: CallbackRow, where: string): CallbackJob {
  const data = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
  const parsed = CallbackJobSchema.safeParse({
    ...data,
    ticketId: r.ticket_id,
    status: r.status,
    nextAttemptAt: Number(r.next_attempt_at),
    claimedUntil: Number(r.claimed_until),
    ...(r.claimed_by !== null ? { claimedBy: r.claimed_by } : {}),
    ...(r.dial_started_at !== null ? { dialStartedAt: Number(r.dial_started_at) } : {}),
    attempts: r.attempts,
    createdAt: Number(r.created_at),
  });
  if (!parsed.success) throw new Error(`the callback job of ticket ${r.ticket_id} in ${where} does not decode: ${parsed.error.issues[0].message} (fix or delete the row)`);
  return parsed.data;
}
