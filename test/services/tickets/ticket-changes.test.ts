import { applyTicketPatch, resolution, TicketChangeError, TicketPatchSchema } from '../../../src/services/tickets/ticket-changes';
import { aTicket } from '../contracts/ticket-store.contract';

const AT = Date.UTC(2026, 10, 23, 3, 0);

describe('staff changing a ticket', () => {
  it('moves a ticket on from open to in progress to resolved, keeping each note with its time and status', () => {
    const taken = applyTicketPatch(aTicket(), { status: 'in_progress', note: '已致电客户' }, AT);
    const done = applyTicketPatch(taken, { status: 'resolved', note: '账号已找回，密码已重置' }, AT + 1);
    expect(done.status).toBe('resolved');
    expect(done.notes).toEqual([
      { at: AT, text: '已致电客户', status: 'in_progress' },
      { at: AT + 1, text: '账号已找回，密码已重置', status: 'resolved' },
    ]);
    expect(resolution(done)).toBe('账号已找回，密码已重置');
  });

  it('may resolve an open ticket directly, and adds a note without touching the status', () => {
    expect(applyTicketPatch(aTicket(), { status: 'resolved', note: '已处理' }, AT).status).toBe('resolved');
    expect(applyTicketPatch(aTicket(), { note: '客户未接听' }, AT)).toMatchObject({ status: 'open', notes: [{ at: AT, text: '客户未接听' }] });
  });

  it('refuses to move a ticket back, saying the order', () => {
    const resolved = aTicket({ status: 'resolved' });
    expect(() => applyTicketPatch(resolved, { status: 'open' }, AT)).toThrow(new TicketChangeError('backwards', 'ticket 10000001 is resolved; it cannot go back to open (open → in_progress → resolved)'));
  });

  it('refuses to resolve without the result the caller is texted, but a repeated resolve is no change', () => {
    expect(() => applyTicketPatch(aTicket(), { status: 'resolved' }, AT)).toThrow('resolving ticket 10000001 needs a note: the result, which is texted to the caller');
    const resolved = aTicket({ status: 'resolved' });
    expect(applyTicketPatch(resolved, { status: 'resolved' }, AT)).toBe(resolved);
  });

  it('accepts only a status and a note in a patch', () => {
    expect(TicketPatchSchema.safeParse({}).error?.issues[0].message).toBe('send a status (open, in_progress, resolved), a note, or both');
    expect(TicketPatchSchema.safeParse({ status: 'done' }).error?.issues[0].message).toBe('status must be open, in_progress or resolved');
    expect(TicketPatchSchema.safeParse({ note: '   ' }).error?.issues[0].message).toBe('note is empty');
    expect(TicketPatchSchema.safeParse({ note: 'x', priority: 'urgent' }).error?.issues[0].code).toBe('unrecognized_keys');
  });
});
