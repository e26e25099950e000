import request from 'supertest';
import { sayDigits } from '../../src/flow/prompts/render-prompt';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const LI = '+8613700137000';
const MIN = 60_000;
const HOUR = 60 * MIN;

type TicketJson = { id: string; category: string; priority: string; status: string; createdAt: number; dueAt: number; slaMinutes: number; overdue: boolean; callSid: string; notes: unknown[] };

describe('tickets opened by callers, texted through the outbox, worked through the admin API', () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());

  /** Zhang reports a stolen account; answers the ticket number he heard. */
  async function reportStolenAccount(server: ReturnType<ServicesWorld['server']>) {
    const caller = server.caller(ZHANG);
    await world.reachAccountMenu(caller, ZHANG);
    await caller.press('2');
    const heard = caller.heard();
    const id = /工单号是((?:\d ){7}\d)。/.exec(heard[0])?.[1].replace(/ /g, '');
    if (!id) throw new Error(`no ticket number in ${JSON.stringify(heard)}`);
    return { caller, id, heard };
  }

  it('reads a stolen-account ticket number digit by digit with the 15-minute promise, and texts it once the outbox is flushed', async () => {
    const server = world.server();
    const { id, heard } = await reportStolenAccount(server);
    expect(heard).toEqual([`已为您登记紧急工单，工单号是${sayDigits(id)}。安全专员将在15分钟内给您回电。`, '现在等待安全专员接听，请说“等待”或按1；挂机等待回电，请说“回电”或按2。']);

    expect(world.textsTo(ZHANG)).toHaveLength(1); // the code only: the ticket SMS waits in the outbox
    expect(await server.flush()).toMatchObject({ sent: 1 });
    // The emergency category has its own text in flows/ticket-categories.yaml.
    expect(world.textsTo(ZHANG)[1]).toBe(`【客服热线】您的账号安全紧急工单已受理，工单号${id}，安全专员将在15分钟内给您回电，请保持电话畅通。客服不会索要验证码。`);
    expect(await server.flush()).toMatchObject({ sent: 0 });
  });

  it('never opens the same ticket twice for one call, whatever Twilio retries', async () => {
    const server = world.server();
    const { caller, id } = await reportStolenAccount(server);
    const first = caller.last!.body;
    expect((await caller.resend()).body).toBe(first);
    const url = caller.action('Gather').replace(/n=\d+$/, (m) => `n=${Number(m.slice(2)) - 1}`);
    const params = { CallSid: caller.sid, To: '400-0066-888', From: ZHANG, Digits: '2' };
    const [a, b] = await Promise.all([caller.post(url, params), caller.post(url, params)]);
    expect(a.body).toBe(first);
    expect(b.body).toBe(first);

    const { body } = await server.admin.get('/api/tickets');
    expect(body.tickets.map((t: TicketJson) => t.id)).toEqual([id]);
    await server.flush();
    expect(world.textsTo(ZHANG).filter((t) => t.includes(id))).toHaveLength(1);
  });

  it('promises a banned caller an answer to the appeal within 24 hours and texts the face-verification link', async () => {
    const server = world.server();
    const caller = server.caller(LI);
    await world.reachAccountMenu(caller, LI);
    await caller.press('3');
    const id = /工单号是((?:\d ){7}\d)。/.exec(caller.heard()[0])![1].replace(/ /g, '');
    expect(caller.heard()).toEqual([
      `您的封禁申诉已受理，工单号是${sayDigits(id)}。我们将在24小时内给您答复。`,
      '上传身份证照片和人脸识别的链接已发送到您的注册手机。请准备好本人身份证照片，按短信提示操作。',
      '如果没有收到短信，或仍需人工帮助，请说“人工”或按0；结束通话，请说“结束”或按1。',
    ]);
    await server.flush();
    expect(world.textsTo(LI).slice(1)).toEqual([
      `【客服热线】您的工单已受理，工单号${id}，我们将在24小时内回复处理进度。`,
      `【客服中心】您的账号封禁申诉已受理，工单号${id}。请准备好本人身份证照片，点击链接上传并完成人脸识别：https://kefu.example.com/face-verify`,
    ]);
    const { body } = await server.admin.get(`/api/tickets/${id}`);
    expect(body.ticket).toMatchObject({ category: 'appeal', slaMinutes: 24 * 60, status: 'open' });
    expect(body.ticket.dueAt - body.ticket.createdAt).toBe(24 * HOUR);
  });

  it('finds tickets by phone, status, category and overdue, with their SLA due times', async () => {
    const server = world.server();
    const stolen = await reportStolenAccount(server);
    const li = server.caller(LI);
    await world.reachAccountMenu(li, LI);
    await li.press('3');

    const byPhone = await server.admin.get('/api/tickets?phone=%2B8613800138000');
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.tickets).toHaveLength(1);
    const ticket: TicketJson = byPhone.body.tickets[0];
    expect(ticket).toMatchObject({ id: stolen.id, category: 'emergency', priority: 'urgent', status: 'open', slaMinutes: 15, overdue: false, callSid: stolen.caller.sid });
    expect(ticket.dueAt).toBe(ticket.createdAt + 15 * MIN);
    // A "+" left unencoded arrives as a space; the number is still understood.
    expect((await server.admin.get('/api/tickets?phone=+8613800138000')).body.tickets).toHaveLength(1);
    expect((await server.admin.get('/api/tickets?phone=13800138000')).body.tickets).toHaveLength(1);

    expect((await server.admin.get('/api/tickets?category=appeal')).body.tickets.map((t: TicketJson) => t.category)).toEqual(['appeal']);
    expect((await server.admin.get('/api/tickets?status=open')).body.tickets).toHaveLength(2);
    const onePage = await server.admin.get('/api/tickets?status=open&limit=1');
    expect([onePage.body.tickets.length, onePage.body.page]).toEqual([1, { limit: 1, offset: 0, next: 1 }]);
    expect(Date.parse(onePage.body.tickets[0].dueAtIso)).toBe(onePage.body.tickets[0].dueAt);
    expect(onePage.body.tickets[0].dueAtIso).toMatch(/\+08:00$/);
    expect((await server.admin.get('/api/tickets?overdue=true')).body.tickets).toEqual([]);

    world.clock.advance(15 * MIN + 1);
    const overdue = await server.admin.get('/api/tickets?overdue=true');
    expect(overdue.body.tickets.map((t: TicketJson) => [t.id, t.overdue])).toEqual([[stolen.id, true]]);
  });

  it('moves a ticket on and texts the caller the result when it is resolved, once', async () => {
    const server = world.server();
    const { id } = await reportStolenAccount(server);
    await server.flush();

    const taken = await server.admin.patch(`/api/tickets/${id}`, { status: 'in_progress', note: '安全专员已回电' });
    expect(taken.status).toBe(200);
    expect(taken.body.ticket).toMatchObject({ status: 'in_progress', notes: [{ text: '安全专员已回电', status: 'in_progress' }] });

    world.clock.advance(10 * MIN);
    const done = await server.admin.patch(`/api/tickets/${id}`, { status: 'resolved', note: '账号已找回，请尽快修改密码。' });
    expect(done.body.ticket).toMatchObject({ status: 'resolved', overdue: false });
    expect(done.body.ticket.notes).toHaveLength(2);
    // Sent again by a nervous operator: no second SMS.
    expect((await server.admin.patch(`/api/tickets/${id}`, { status: 'resolved' })).status).toBe(200);
    await server.flush();
    const results = world.textsTo(ZHANG).filter((t) => t.includes('已处理完毕'));
    expect(results).toEqual([`【客服热线】您的工单${id}已处理完毕。处理结果：账号已找回，请尽快修改密码。`]);

    const back = await server.admin.patch(`/api/tickets/${id}`, { status: 'open' });
    expect(back.status).toBe(409);
    expect(back.body).toEqual({ error: `ticket ${id} is resolved; it cannot go back to open (open → in_progress → resolved)` });
  });

  it('answers a bad request, a missing token and an unknown ticket with JSON errors that say what to do', async () => {
    const server = world.server();
    const { id } = await reportStolenAccount(server);
    const expectError = async (res: request.Response, status: number, error: string) => {
      expect([res.status, res.body]).toEqual([status, { error }]);
    };
    await expectError(await request(server.app).get('/api/tickets'), 401, 'send Authorization: Bearer <ADMIN_TOKEN>');
    await expectError(await request(server.app).patch(`/api/tickets/${id}`).send({ status: 'resolved' }), 401, 'send Authorization: Bearer <ADMIN_TOKEN>');
    await expectError(await server.admin.get('/api/tickets?status=done'), 400, 'status must be open, in_progress or resolved');
    await expectError(await server.admin.get('/api/tickets?category=lost'), 400, 'category must be one of account, appeal, commerce, emergency, complaint, callback, voicemail, system_fault, other');
    await expectError(await server.admin.get('/api/tickets?overdue=yes'), 400, 'overdue only takes true: tickets not resolved and past their due time');
    await expectError(await server.admin.get('/api/tickets?phone=abc'), 400, 'phone must be a phone number, e.g. %2B8613800138000 (encode + as %2B)');
    await expectError(await server.admin.get('/api/tickets?sort=due'), 400, 'unknown sort; use phone, status, category, overdue=true, limit or offset');
    await expectError(await server.admin.get('/api/tickets/123'), 400, 'a ticket number is 8 digits, e.g. 20481736');
    await expectError(await server.admin.get('/api/tickets/99999999'), 404, 'no ticket 99999999');
    await expectError(await server.admin.patch('/api/tickets/99999999', { note: 'x' }), 404, 'no ticket 99999999');
    await expectError(await server.admin.patch(`/api/tickets/${id}`, {}), 400, 'send a status (open, in_progress, resolved), a note, or both');
    await expectError(await server.admin.patch(`/api/tickets/${id}`, { status: 'resolved' }), 400, `resolving ticket ${id} needs a note: the result, which is texted to the caller`);
    await expectError(await server.admin.patch(`/api/tickets/${id}`, { priority: 'low' }), 400, 'unknown priority; use status and/or note');
    const broken = await request(server.app).patch(`/api/tickets/${id}`).set('Authorization', 'Bearer test-admin-token-0123456789').set('Content-Type', 'application/json').send('{"status":');
    await expectError(broken, 400, 'the request body could not be read');
  });
});
