import { sayDigits } from '../../src/flow/prompts/render-prompt';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const MIN = 60_000;

describe('a stolen account reported on the general line, from the call to the survey answer', () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());

  it('verifies by texted code, opens an emergency ticket due in 15 minutes, sends one survey after two status callbacks and records the reply 5', async () => {
    const server = world.server();
    const caller = server.caller(ZHANG);

    // 400-0066-888 → 1 (account) → 1 (text the code to this phone) → the code from the SMS.
    await caller.ring();
    await caller.press('1');
    await caller.press('1');
    await caller.press(world.codeSentTo(ZHANG));
    expect(caller.heard()[0]).toBe('身份验证成功。');

    // 2: stolen account.
    await caller.press('2');
    const [created, choice] = caller.heard();
    const ticketId = /工单号是((?:\d ){7}\d)。/.exec(created)![1].replace(/ /g, '');
    expect(created).toBe(`已为您登记紧急工单，工单号是${sayDigits(ticketId)}。安全专员将在15分钟内给您回电。`);
    expect(choice).toBe('现在等待安全专员接听，请说“等待”或按1；挂机等待回电，请说“回电”或按2。');

    const { body } = await server.admin.get(`/api/tickets?phone=${encodeURIComponent(ZHANG)}`);
    expect(body.tickets).toHaveLength(1);
    expect(body.tickets[0]).toMatchObject({ id: ticketId, category: 'emergency', priority: 'urgent', status: 'open', callSid: caller.sid });
    expect(body.tickets[0].dueAt - body.tickets[0].createdAt).toBe(15 * MIN);

    // 2: hang up, the security team calls back. Twilio posts the status callback twice.
    await caller.press('2');
    expect((await caller.hangUp('completed', 120)).status).toBe(200);
    expect((await caller.hangUp('completed', 120)).status).toBe(200);
    await server.flush();
    await server.flush();
    const surveys = world.textsTo(ZHANG).filter((t) => t.includes('回复1-5评价本次服务'));
    expect(surveys).toEqual(['【客服热线】感谢您的来电。回复1-5评价本次服务（5为非常满意），回复其他内容可留下意见，回复TD退订。']);
    expect(world.twilio.messages.find((m) => m.body === surveys[0])!.from).toBe('+8610690000001');

    // The caller answers 5.
    const reply = await server.textBack(ZHANG, '5');
    expect(reply).toMatchObject({ status: 200, message: '感谢您的评价，祝您生活愉快！' });

    const call = await server.admin.get(`/api/calls/${caller.sid}`);
    expect(call.status).toBe(200);
    expect(call.body.call).toMatchObject({ callSid: caller.sid, status: 'completed', outcome: 'ticket', ticketIds: [ticketId] });
    expect(call.body.survey).toMatchObject({ sms: 'sent', sentAt: world.clock.now(), rating: 5, ratedAt: world.clock.now(), comment: null });
    expect(call.body.tickets).toEqual([expect.objectContaining({ id: ticketId, category: 'emergency', rating: 5 })]);
  });
});
