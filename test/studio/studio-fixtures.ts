import type { Ticket } from '../../src/services/tickets/ticket.schema';
import type { TicketStore } from '../../src/services/tickets/ticket-store';

/** Studio users of the hotlines and tickets tests: one of each role. */
export const DESIGNER = 'alice-token-0123456789';
export const SUPERVISOR = 'sam-token-01234567890';
export const VIEWER = 'victor-token-0123456789';
export const STUDIO_USERS = `alice:designer:${DESIGNER},sam:supervisor:${SUPERVISOR},victor:viewer:${VIEWER}`;

/** The caller of the tickets below, in full: it must never reach a viewer. */
export const CALLER = '+8613912345678';
export const GENERAL = '+864000066888';
const MIN = 60_000;

/** A ticket as a flow opens it, `minutes` ago, in `category` with its promise. */
export function openTicket(store: TicketStore, now: number, t: { id: string; category: string; slaMinutes: number; minutesAgo?: number; summary?: string }): Promise<Ticket> {
  const createdAt = now - (t.minutesAgo ?? 0) * MIN;
  return store.insertOnce({
    id: t.id,
    key: `CA${t.id}/ticket`,
    hotline: 'general',
    category: t.category,
    priority: t.category === 'emergency' ? 'urgent' : 'normal',
    status: 'open',
    callSid: `CA${t.id}`,
    callerPhone: CALLER,
    lang: 'zh-CN',
    summary: t.summary ?? `来电 ${CALLER} 反映账号问题`,
    path: ['general'],
    vars: {},
    createdAt,
    dueAt: createdAt + t.slaMinutes * MIN,
    slaMinutes: t.slaMinutes,
    notes: [],
  });
}
