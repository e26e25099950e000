import { SimulatedClock } from '../../../src/platform/clock';
import { memoryTicketStore, type TicketStore } from '../../../src/services/tickets/ticket-store';
import { createTicketService, type NewTicket } from '../../../src/services/tickets/ticket-service';
import { sqliteSmsOutbox, sqliteTicketStore } from '../../../src/stores/sqlite';
import { anSms } from '../contracts/sms-outbox.contract';
import { aTicket } from '../contracts/ticket-store.contract';
import { tempSqliteDir } from '../temp-sqlite';
import { shippedCentre } from '../../helpers/call-centre';
import { slaMinutesOf } from '../../../src/call-centre/call-centre';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

function request(over: Partial<NewTicket> = {}): NewTicket {
  return {
    key: 'CA0001/t4/e1',
    hotline: 'general',
    category: 'other',
    priority: 'normal',
    callSid: 'CA0001',
    callerPhone: '+8613800138000',
    lang: 'zh-CN',
    summary: '咨询',
    path: ['welcome'],
    vars: {},
    ...over,
  };
}

describe.each([
  ['memory', () => ({ store: memoryTicketStore() as TicketStore, close: () => {} })],
  [
    'sqlite',
    () => {
      const tmp = tempSqliteDir();
      return { store: sqliteTicketStore(tmp.open()) as TicketStore, close: () => tmp.remove() };
    },
  ],
])('tickets over %s', (_name, make) => {
  let store: TicketStore;
  let close: () => void;
  let clock: SimulatedClock;
  beforeEach(() => {
    ({ store, close } = make());
    clock = new SimulatedClock(T0);
  });
  afterEach(() => close());
  const service = (ids: string[] = ['20000001', '20000002', '20000003']) => createTicketService({ store, now: () => clock.now(), slaMinutes: (c) => slaMinutesOf(shippedCentre(), c), newId: () => ids.shift()! });

  it('promises a progress reply within 48 hours by default', async () => {
    const t = await service().create(request({ category: 'other' }));
    expect(t).toMatchObject({ slaMinutes: 48 * 60, createdAt: T0, dueAt: T0 + 48 * HOUR, status: 'open' });
  });

  it('promises a callback within 15 minutes for an emergency (stolen account, abnormal funds)', async () => {
    const t = await service().create(request({ category: 'emergency', priority: 'urgent' }));
    expect(t).toMatchObject({ slaMinutes: 15, dueAt: T0 + 15 * MIN });
  });

  it('promises an answer to a ban appeal within 24 hours', async () => {
    const t = await service().create(request({ category: 'appeal' }));
    expect(t).toMatchObject({ slaMinutes: 24 * 60, dueAt: T0 + 24 * HOUR });
  });

  it('makes an emergency ticket overdue 15 minutes after the call, not before', async () => {
    const t = await service().create(request({ category: 'emergency' }));
    expect(await store.list({ overdueAt: T0 + 15 * MIN })).toEqual([]);
    expect((await store.list({ overdueAt: T0 + 15 * MIN + 1 })).map((x) => x.id)).toEqual([t.id]);
  });

  it('notes a second call about the same thing on the caller’s unresolved ticket, once per call, for a day', async () => {
    const tickets = service(['20000001', '20000002', '20000003', '20000004']);
    const first = await tickets.create(request({ category: 'voicemail' }));
    clock.advance(HOUR);
    const again = request({ category: 'voicemail', key: 'CA0002/t3/e1', callSid: 'CA0002', recordingUrl: 'https://api.twilio.com/recordings/RE2' });
    expect(await tickets.open(again)).toMatchObject({ ticket: { id: first.id }, created: false, repeated: true });
    // Another delivery of that turn adds nothing.
    await tickets.open(again);
    expect((await store.get(first.id))!.notes).toEqual([{ at: T0 + HOUR, text: '再次来电 CA0002，留言录音 https://api.twilio.com/recordings/RE2' }]);
    // Another category, a withheld number, or a day later: a ticket of its own.
    expect((await tickets.open(request({ category: 'other', key: 'CA0003/t3/e1', callSid: 'CA0003' }))).created).toBe(true);
    expect((await tickets.open(request({ category: 'voicemail', key: 'CA0004/t3/e1', callSid: 'CA0004', callerPhone: '+266696687' }))).created).toBe(true);
    clock.advance(24 * HOUR);
    expect((await tickets.open(request({ category: 'voicemail', key: 'CA0005/t3/e1', callSid: 'CA0005' }))).created).toBe(true);
  });

  it('creates one ticket for a retried webhook: the same key gives back the first ticket and its due time', async () => {
    const svc = service();
    const first = await svc.create(request({ key: 'CA0001/t4/e1', category: 'appeal' }));
    clock.advance(5_000);
    const retried = await svc.create(request({ key: 'CA0001/t4/e1', category: 'appeal' }));
    expect(retried).toEqual(first);
    expect(await store.list({})).toHaveLength(1);
  });

  it('draws another 8-digit number when the first is taken', async () => {
    await store.insertOnce(aTicket({ id: '20000001', key: 'older' }));
    const t = await service(['20000001', '20000002']).create(request({ key: 'newer' }));
    expect(t.id).toBe('20000002');
  });
});

describe('a ticket and its SMS written in one SQLite transaction', () => {
  let tmp: ReturnType<typeof tempSqliteDir>;
  beforeEach(() => (tmp = tempSqliteDir()));
  afterEach(() => tmp.remove());

  it('commits both or neither', async () => {
    const db = tmp.open();
    const tickets = sqliteTicketStore(db);
    const outbox = sqliteSmsOutbox(db);
    const closeCall = db.transaction((fail: boolean) => {
      tickets.insertOnceSync(aTicket({ id: '30000001', key: 'CA9/close' }));
      outbox.enqueueSync(anSms('CA9/close/sms'), T0);
      if (fail) throw new Error('the call record could not be written');
    });
    expect(() => closeCall(true)).toThrow('the call record could not be written');
    expect(await tickets.list({})).toEqual([]);
    expect(await outbox.list()).toEqual([]);
    closeCall(false);
    expect((await tickets.list({})).map((t) => t.key)).toEqual(['CA9/close']);
    expect((await outbox.list()).map((m) => m.key)).toEqual(['CA9/close/sms']);
  });
});
