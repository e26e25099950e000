import { TicketSchema, type Ticket } from '../../services/tickets/ticket.schema';

/**
 * A ticket row as both SQL stores keep it, with its JSON columns (path, vars, notes) already
 * decoded: PostgreSQL hands them back as jsonb values, SQLite as text the store parses first.
 */
export type TicketRow = {
  id: string;
  key: string;
  hotline: string;
  category: string;
  priority: string;
  status: string;
  call_sid: string;
  caller_phone: string;
  account_id: string | null;
  lang: string;
  summary: string;
  path: string[];
  vars: Record<string, string>;
  recording_url: string | null;
  created_at: number;
  due_at: number;
  sla_minutes: number;
  notes: Ticket['notes'];
  rating: number | null;
};

/** `where` names the database in the error, so an operator knows which table to fix. */
export function toTicket(r: TicketRow, where: string): Ticket {
  const parsed = TicketSchema.safeParse({
    id: r.id,
    key: r.key,
    hotline: r.hotline,
    category: r.category,
    priority: r.priority,
    status: r.status,
    callSid: r.call_sid,
    callerPhone: r.caller_phone,
    ...(r.account_id !== null ? { accountId: r.account_id } : {}),
    lang: r.lang,
    summary: r.summary,
    path: r.path,
    vars: r.vars,
    ...(r.recording_url !== null ? { recordingUrl: r.recording_url } : {}),
    createdAt: r.created_at,
    dueAt: r.due_at,
    slaMinutes: r.sla_minutes,
    notes: r.notes,
    ...(r.rating !== null && r.rating !== undefined ? { rating: r.rating } : {}),
  });
  if (!parsed.success) throw new Error(`ticket ${r.id} in ${where} does not match the ticket schema (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); fix the row or migrate the table`);
  return parsed.data;
}
