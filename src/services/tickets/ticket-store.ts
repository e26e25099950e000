import type { Ticket } from './ticket.schema';

export type TicketQuery = { phone?: string; status?: Ticket['status']; category?: Ticket['category']; overdueAt?: number; callSid?: string };

/** Where tickets live. Implementations: memory, SQLite (default), PostgreSQL. */
export interface TicketStore {
  /** Inserts unless a ticket with the same `key` exists; returns the stored ticket either way. */
  insertOnce(ticket: Ticket): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  list(query: TicketQuery): Promise<Ticket[]>;
  update(ticket: Ticket): Promise<void>;
}

export function memoryTicketStore(): TicketStore {
  const byId = new Map<string, Ticket>();
  const byKey = new Map<string, string>();
  return {
    async insertOnce(t) {
      const existing = byKey.get(t.key);
      if (existing) return byId.get(existing)!;
      byId.set(t.id, t);
      byKey.set(t.key, t.id);
      return t;
    },
    get: async (id) => byId.get(id),
    list: async (q) =>
      [...byId.values()].filter(
        (t) =>
          (!q.phone || t.callerPhone === q.phone) &&
          (!q.status || t.status === q.status) &&
          (!q.category || t.category === q.category) &&
          (!q.callSid || t.callSid === q.callSid) &&
          (q.overdueAt === undefined || (t.status !== 'resolved' && t.dueAt < q.overdueAt)),
      ),
    update: async (t) => void byId.set(t.id, t),
  };
}
