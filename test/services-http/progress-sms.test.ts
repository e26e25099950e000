import type { Ticket } from '../../src/services/tickets/ticket.schema';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';

const LI = '+8613700137000';
const MIN = 60_000;
/** Kept informed every 30 minutes (flows/ticket-categories.yaml: progressEveryMinutes). */
const FAULT = 'system_fault';

type Server = ReturnType<ServicesWorld['server']>;

describe('a system fault is kept informed: a progress SMS every 30 minutes until it is resolved', () => {
  let world: ServicesWorld;
  beforeEach(async () => {
    world = await servicesWorld();
  });
  afterEach(() => world.close());

  const openFault = async (server: Server): Promise<Ticket> => {
    const now = world.clock.now();
    return server.services.tickets.insertOnce({
      id: '20481736', key: 'CAfault/ticket', hotline: 'general', category: FAULT, priority: 'high', status: 'open', callSid: 'CAfault', callerPhone: LI,
      lang: 'zh-CN', summary: '系统故障：无法登录', path: ['general'], vars: {}, createdAt: now, dueAt: now + 24 * 60 * MIN, slaMinutes: 24 * 60, notes: [],
    });
  };
  const progressTexts = () => world.textsTo(LI).filter((t) => t.includes('仍在紧急处理中'));
  /** Both servers' progress run and their SMS senders at `minutes` after the fault opened. */
  const at = async (minutes: number, servers: Server[], opened: number) => {
    world.clock.set(opened + minutes * MIN);
    await Promise.all(servers.map((s) => s.sendProgress()));
    for (const s of servers) await s.flush();
  };

  it('texts slot by slot, each slot once however many servers run, and stops when staff resolve the ticket', async () => {
    const a = world.server();
    const b = world.server();
    const opened = world.clock.now();
    const ticket = await openFault(a);

    await at(29, [a, b], opened);
    expect(progressTexts()).toHaveLength(0);
    await at(30, [a, b], opened);
    expect(progressTexts()).toEqual(['【客服热线】您反映的系统故障（工单2048 1736）仍在紧急处理中，恢复后我们会第一时间通知您。']);
    await at(31, [a, b], opened);
    await at(59, [b, a], opened);
    expect(progressTexts()).toHaveLength(1);
    await at(60, [a, b], opened);
    expect(progressTexts()).toHaveLength(2);

    expect((await a.admin.patch(`/api/tickets/${ticket.id}`, { status: 'resolved', note: '故障已修复' })).status).toBe(200);
    await at(90, [a, b], opened);
    await at(120, [a, b], opened);
    expect(progressTexts()).toHaveLength(2);
  });

  it('stays within the SMS caps: a fault open all day gets at most 8 progress SMS', async () => {
    const a = world.server();
    const opened = world.clock.now();
    await openFault(a);
    for (let slot = 1; slot <= 12; slot++) await at(slot * 30, [a], opened);
    expect(progressTexts()).toHaveLength(8);
    expect(await a.scrape()).toMatch(/ivr_sms_refused_total\{kind="ticket_progress",reason="destination_cap"\} 4/);
  });
});
