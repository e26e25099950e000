import type { Ticket } from './ticket.schema';

/** Filters; `limit` and `offset` take one page of the matches, oldest first (the admin API). */
export type TicketQuery = { phone?: string; status?: Ticket['status']; category?: Ticket['category']; overdueAt?: number; callSid?: string; limit?: number; offset?: number };

/** `insertOnce` met a ticket number already given to another ticket: draw another number and insert again. */
export class TicketIdTakenError extends Error {
  readonly code = 'TICKET_ID_TAKEN';
  constructor(readonly id: string) {
    super(`ticket number ${id} is already taken by another ticket; draw a new number and insert again`);
    this.name = 'TicketIdTakenError';
  }
}

/** Where tickets live. Implementations: memory, SQLite (default), PostgreSQL. */
export interface TicketStore {
  /**
   * Inserts unless a ticket with the same `key` exists; returns the stored ticket either way.
   * Throws TicketIdTakenError if another key already has this `id`.
   */
  insertOnce(ticket: Ticket): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  /** Matching tickets, oldest first. `overdueAt`: not resolved and due before that time. */
  list(query: TicketQuery): Promise<Ticket[]>;
  /** Tickets not resolved and due before `at`, counted per category in one query (the SLA gauge reads it at each scrape). */
  countOverdue(at: number): Promise<Partial<Record<Ticket['category'], number>>>;
  /** Replaces a stored ticket (its `key` and `id` stay); throws if there is none with this id. */
  update(ticket: Ticket): Promise<void>;
  /**
   * Reads ticket `id`, lets `change` (pure, synchronous; it may throw to refuse) say the new ticket,
   * and stores it, as one atomic step; undefined when there is no such ticket. Its `key` and `id` stay.
   */
  change(id: string, change: (ticket: Ticket) => Ticket): Promise<Ticket | undefined>;
}

export function ticketMatches(t: Ticket, q: TicketQuery): boolean {
  return (
    (!q.phone || t.callerPhone === q.phone) &&
    (!q.status || t.status === q.status) &&
    (!q.category || t.category === q.category) &&
    (!q.callSid || t.callSid === q.callSid) &&
    (q.overdueAt === undefined || (t.status !== 'resolved' && t.dueAt < q.overdueAt))
  );
}

export function memoryTicketStore(): TicketStore {
  const byId = new Map<string, Ticket>();
  const byKey = new Map<string, string>();
  const copy = (t: Ticket): Ticket => structuredClone(t);
  return {
    async insertOnce(t) {
      const existing = byKey.get(t.key);
      if (existing) return copy(byId.get(existing)!);
      if (byId.has(t.id)) throw new TicketIdTakenError(t.id);
      byId.set(t.id, copy(t));
      byKey.set(t.key, t.id);
      return copy(t);
    },
    get: async (id) => {
      const t = byId.get(id);
      return t && copy(t);
    },
    list: async (q) =>
      [...byId.values()]
        .filter((t) => ticketMatches(t, q))
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .slice(q.offset ?? 0, q.limit === undefined ? undefined : (q.offset ?? 0) + q.limit)
        .map(copy),
    async countOverdue(at) {
      const counts: Partial<Record<Ticket['category'], number>> = {};
      for (const t of byId.values()) if (ticketMatches(t, { overdueAt: at })) counts[t.category] = (counts[t.category] ?? 0) + 1;
      return counts;
    },
    async update(t) {
      const stored = byId.get(t.id);
      if (!stored) throw new Error(`cannot update ticket ${t.id}: there is no such ticket (create it with insertOnce first)`);
      byId.set(t.id, copy({ ...t, key: stored.key }));
    },
    async change(id, change) {
      const stored = byId.get(id);
      if (!stored) return undefined;
      const next = copy({ ...change(copy(stored)), id, key: stored.key });
      byId.set(id, next);
      return copy(next);
    },
  };
}
