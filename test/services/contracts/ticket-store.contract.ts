import { TicketIdTakenError, type TicketStore } from '../../../src/services/tickets/ticket-store';
import type { Ticket } from '../../../src/services/tickets/ticket.schema';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const MIN = 60_000;

/** A ticket as the ticket service would make it; override what a test cares about. */
export function aTicket(over: Partial<Ticket> = {}): Ticket {
  const createdAt = over.createdAt ?? T0;
  const slaMinutes = over.slaMinutes ?? 48 * 60;
  return {
    id: '10000001',
    key: 'CA0001/t1/e1',
    hotline: 'general',
    category: 'account',
    priority: 'normal',
    status: 'open',
    callSid: 'CA0001',
    callerPhone: '+8613800138000',
    lang: 'zh-CN',
    summary: '账号无法登录',
    path: ['welcome', 'main_menu', 'account_menu'],
    vars: { order: '2026112300001', note: '想要人工' },
    createdAt,
    dueAt: createdAt + slaMinutes * MIN,
    slaMinutes,
    notes: [],
    ...over,
  };
}

/** What every TicketStore must do. */
export function ticketStoreContract(name: string, make: MakeStore<TicketStore>) {
  describe(`TicketStore contract: ${name}`, () => {
    const newStore = fixtures(make);

    it('stores a ticket and gives it back by number, every field intact', async () => {
      const store = await newStore();
      const t = aTicket({ accountId: 'U10001', recordingUrl: 'https://recordings.example/RE1.wav', notes: [{ at: T0, text: 'called back', status: 'in_progress' }] });
      expect(await store.insertOnce(t)).toEqual(t);
      expect(await store.get(t.id)).toEqual(t);
    });

    it('leaves optional fields out rather than filling them with null', async () => {
      const store = await newStore();
      await store.insertOnce(aTicket());
      const got = await store.get('10000001');
      expect(got).not.toHaveProperty('accountId');
      expect(got).not.toHaveProperty('recordingUrl');
      expect(got).not.toHaveProperty('rating');
    });

    it('changes a ticket in one step, keeping its number and key, and keeps a rating', async () => {
      const store = await newStore();
      await store.insertOnce(aTicket({ id: '10000001', key: 'CA0001/t3/e1' }));
      const bump = (t: Ticket): Ticket => ({ ...t, notes: [...t.notes, { at: T0 + t.notes.length, text: `note ${t.notes.length + 1}` }] });
      await Promise.all([store.change('10000001', bump), store.change('10000001', bump)]);
      const changed = await store.change('10000001', (t) => ({ ...t, status: 'resolved', rating: 5, id: '99999999', key: 'other' }));
      expect(changed).toMatchObject({ id: '10000001', key: 'CA0001/t3/e1', status: 'resolved', rating: 5 });
      expect((await store.get('10000001'))!.notes.map((n) => n.text)).toEqual(['note 1', 'note 2']);
      expect(await store.get('99999999')).toBeUndefined();
    });

    it('changes nothing when the change refuses, and answers undefined for an unknown ticket', async () => {
      const store = await newStore();
      await store.insertOnce(aTicket());
      await expect(
        store.change('10000001', () => {
          throw new Error('not allowed');
        }),
      ).rejects.toThrow('not allowed');
      expect(await store.get('10000001')).toEqual(aTicket());
      expect(await store.change('99999999', (t) => t)).toBeUndefined();
    });

    it('answers undefined for an unknown ticket number', async () => {
      const store = await newStore();
      expect(await store.get('99999999')).toBeUndefined();
    });

    it('creates a ticket once per key: a retried webhook gets the first ticket back', async () => {
      const store = await newStore();
      const first = await store.insertOnce(aTicket({ id: '10000001', key: 'CA0001/t3/e1' }));
      const retried = await store.insertOnce(aTicket({ id: '10000002', key: 'CA0001/t3/e1', summary: 'retry' }));
      expect(retried).toEqual(first);
      expect(await store.get('10000002')).toBeUndefined();
      expect(await store.list({})).toHaveLength(1);
    });

    it('refuses a ticket number already given to another key, so the service can draw another', async () => {
      const store = await newStore();
      await store.insertOnce(aTicket({ id: '10000001', key: 'CA0001/t3/e1' }));
      await expect(store.insertOnce(aTicket({ id: '10000001', key: 'CA0002/t1/e1' }))).rejects.toBeInstanceOf(TicketIdTakenError);
      expect((await store.get('10000001'))!.key).toBe('CA0001/t3/e1');
    });

    describe('list', () => {
      const seed = async () => {
        const store = await newStore();
        await store.insertOnce(aTicket({ id: '10000003', key: 'k3', createdAt: T0 + 2 * MIN, category: 'emergency', slaMinutes: 15, priority: 'urgent', callSid: 'CA0003', callerPhone: '+8613700137000' }));
        await store.insertOnce(aTicket({ id: '10000001', key: 'k1', createdAt: T0, category: 'account' }));
        await store.insertOnce(aTicket({ id: '10000002', key: 'k2', createdAt: T0 + 1 * MIN, category: 'appeal', slaMinutes: 24 * 60, status: 'resolved', callSid: 'CA0002' }));
        return store;
      };
      const ids = (ts: Ticket[]) => ts.map((t) => t.id);

      it('lists every ticket, oldest first', async () => {
        expect(ids(await (await seed()).list({}))).toEqual(['10000001', '10000002', '10000003']);
      });
      it("lists a caller's tickets by phone", async () => {
        expect(ids(await (await seed()).list({ phone: '+8613800138000' }))).toEqual(['10000001', '10000002']);
      });
      it('lists by status', async () => {
        expect(ids(await (await seed()).list({ status: 'resolved' }))).toEqual(['10000002']);
      });
      it('lists by category', async () => {
        expect(ids(await (await seed()).list({ category: 'emergency' }))).toEqual(['10000003']);
      });
      it('lists the tickets of one call', async () => {
        expect(ids(await (await seed()).list({ callSid: 'CA0002' }))).toEqual(['10000002']);
      });
      it('lists tickets overdue at a time: unresolved and due before it', async () => {
        const store = await seed();
        // k3 is due at T0+17min; k1 at T0+48h; k2 is resolved.
        expect(ids(await store.list({ overdueAt: T0 + 17 * MIN }))).toEqual([]);
        expect(ids(await store.list({ overdueAt: T0 + 17 * MIN + 1 }))).toEqual(['10000003']);
        expect(ids(await store.list({ overdueAt: T0 + 49 * 60 * MIN }))).toEqual(['10000001', '10000003']);
      });
      it('counts the overdue tickets per category, as the SLA gauge reads them', async () => {
        const store = await seed();
        expect(await store.countOverdue(T0 + 17 * MIN)).toEqual({});
        expect(await store.countOverdue(T0 + 49 * 60 * MIN)).toEqual({ emergency: 1, account: 1 });
        await store.insertOnce(aTicket({ id: '10000004', key: 'k4', createdAt: T0, category: 'account', callSid: 'CA0004' }));
        expect(await store.countOverdue(T0 + 49 * 60 * MIN)).toEqual({ emergency: 1, account: 2 });
      });
      it('takes one page of the matches, oldest first', async () => {
        const store = await seed();
        expect(ids(await store.list({ limit: 2 }))).toEqual(['10000001', '10000002']);
        expect(ids(await store.list({ limit: 2, offset: 2 }))).toEqual(['10000003']);
        expect(ids(await store.list({ phone: '+8613800138000', limit: 1, offset: 1 }))).toEqual(['10000002']);
      });
      it('combines filters', async () => {
        expect(ids(await (await seed()).list({ phone: '+8613800138000', status: 'open' }))).toEqual(['10000001']);
      });
    });

    it('updates a ticket: status and notes, by number', async () => {
      const store = await newStore();
      const t = await store.insertOnce(aTicket());
      await store.update({ ...t, status: 'in_progress', notes: [{ at: T0 + MIN, text: '已回电', status: 'in_progress' }] });
      expect(await store.get(t.id)).toEqual({ ...t, status: 'in_progress', notes: [{ at: T0 + MIN, text: '已回电', status: 'in_progress' }] });
      expect(await store.list({ status: 'open' })).toEqual([]);
    });

    it('refuses to update a ticket that does not exist', async () => {
      const store = await newStore();
      await expect(store.update(aTicket())).rejects.toThrow(/no such ticket/);
    });
  });
}
