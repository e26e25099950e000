import { sayDigits } from '../../src/flow/prompts/render-prompt';
import { said, shape, type TwilioCaller } from '../helpers/twilio-caller';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const BRAND = '+8613900139000';
const ALEX = '+14155550100';
const HOLD_MUSIC = 'https://cdn.example.com/hold-music.mp3';
const MIN = 60_000;

type Server = ReturnType<ServicesWorld['server']>;

describe('callers waiting for an agent: a queue per skill, the wait, and a call back instead', () => {
  let world: ServicesWorld;
  let server: Server;
  beforeEach(async () => {
    world = await servicesWorld();
    server = world.server({ env: { HOLD_MUSIC_URL: HOLD_MUSIC } });
  });
  afterEach(() => world.close());

  /** What Twilio does while the caller waits, and when they leave the queue. */
  const queue = (caller: TwilioCaller) => {
    const enqueue = caller.last!.verbs.find((v) => v.verb === 'Enqueue');
    if (!enqueue) throw new Error(`the caller was not queued: ${caller.last?.body}`);
    const params = { CallSid: caller.sid, To: '400-0066-888', From: ZHANG };
    return {
      name: enqueue.text,
      wait: (position: number, avgSec: number) => caller.post(enqueue.attrs.waitUrl, { ...params, QueuePosition: String(position), AvgQueueTime: String(avgSec), CurrentQueueSize: String(position) }),
      /** A key pressed during the wait music. */
      press: async (digits: string) => {
        const wait = await caller.post(enqueue.attrs.waitUrl, { ...params, QueuePosition: '2', AvgQueueTime: '60' });
        return caller.post(wait.verbs[0].attrs.action, { ...params, Digits: digits });
      },
      left: (result: string) => caller.post(enqueue.attrs.action, { ...params, QueueResult: result, QueueTime: '95' }),
    };
  };

  it('puts a stolen-account caller who chooses to wait in the urgent queue, and a call back confirms the 15-minute emergency ticket instead of opening another', async () => {
    const caller = server.caller(ZHANG);
    await world.reachAccountMenu(caller, ZHANG);
    await caller.press('2');
    await caller.press('1');
    expect(caller.heard()).toEqual(['正在为您优先转接安全专员，请不要挂机。']);
    const urgent = queue(caller);
    expect(urgent.name).toBe('urgent');

    const wait = await urgent.wait(4, 150);
    expect(said(wait.verbs)).toEqual(['您前面还有3位客户，请耐心等候。', '预计等待约3分钟。', '如不想继续等待，请按1，我们将尽快给您回电。']);
    expect(wait.verbs[0].children.at(-1)).toMatchObject({ verb: 'Play', text: HOLD_MUSIC });

    expect(shape((await urgent.press('1')).verbs)).toEqual(['Leave']);
    const left = await urgent.left('leave');
    const [emergency] = (await server.admin.get('/api/tickets')).body.tickets;
    expect(emergency).toMatchObject({ category: 'emergency', slaMinutes: 15 });
    expect(said(left.verbs)).toEqual([`已为您登记回电，编号是${sayDigits(emergency.id)}，编号已通过短信发给您。我们将在15分钟内给您回电。`, '感谢您的来电，再见。']);
    expect(shape(left.verbs)).toEqual(['Say', 'Say', 'Hangup']);
    expect((await server.admin.get('/api/tickets')).body.tickets).toHaveLength(1);
  });

  it('books one call back ticket for a caller in the general queue who presses 1, whatever the retries, texts its number and says goodbye', async () => {
    const caller = server.caller(ZHANG);
    await caller.ring();
    await caller.press('0');
    const general = queue(caller);
    expect(general.name).toBe('general');

    expect(shape((await general.press('1')).verbs)).toEqual(['Leave']);
    expect(shape((await caller.resend()).verbs)).toEqual(['Leave']);
    const left = await general.left('leave');
    await general.left('leave');

    const { body } = await server.admin.get(`/api/tickets?category=callback`);
    expect(body.tickets).toHaveLength(1);
    const ticket = body.tickets[0];
    expect(ticket).toMatchObject({ priority: 'normal', slaMinutes: 4 * 60, callSid: caller.sid, summary: '排队等待时选择回电（general队列）' });
    expect(ticket.dueAt - ticket.createdAt).toBe(4 * 60 * MIN);
    expect(said(left.verbs)).toEqual([`已为您登记回电，编号是${sayDigits(ticket.id)}，编号已通过短信发给您。我们将在4小时内给您回电。`, '感谢您的来电，再见。']);

    await server.flush();
    expect(world.textsTo(ZHANG)).toEqual([`【客服热线】您的工单已受理，工单号${ticket.id}，我们将在4小时内回复处理进度。`]);
    const call = (await server.admin.get(`/api/calls/${caller.sid}`)).body;
    expect(call.call.ticketIds).toEqual([ticket.id]);
    expect(call.tickets.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
  });

  it('keeps a caller who presses another key waiting in their place', async () => {
    const caller = server.caller(ZHANG);
    await caller.ring();
    await caller.press('0');
    const pressed = await queue(caller).press('5');
    expect(pressed.verbs).toEqual([expect.objectContaining({ verb: 'Redirect', text: 'http://localhost:3000/twilio/voice/queue-wait?lang=zh-CN&queue=general' })]);
    expect((await server.admin.get('/api/tickets')).body.tickets).toEqual([]);
  });

  it('offers a call back to a caller the queue cannot take, and just hangs up after an agent’s call', async () => {
    const caller = server.caller(ZHANG);
    await caller.ring();
    await caller.press('0');
    // The general queue's overflow (flows/queues.yaml) is a call back offer: press 1, not booked unasked.
    const full = await queue(caller).left('queue-full');
    expect(said(full.verbs)).toEqual(['抱歉，目前坐席繁忙，暂时无法为您排队。', '如需我们给您回电，请按1。']);
    await caller.press('1');
    expect(said(caller.last!.verbs)[0]).toMatch(/^已为您登记回电，编号是/);

    const other = server.caller(ALEX);
    await other.ring();
    await other.press('0');
    const bridged = await queue(other).left('bridged');
    expect(shape(bridged.verbs)).toEqual(['Hangup']);
    expect((await server.admin.get('/api/tickets')).body.tickets).toHaveLength(1);
  });

  it('queues enterprise callers apart from everyone else, and ranks their call backs high', async () => {
    const caller = server.caller(BRAND, '400-810-8800');
    await caller.ring();
    await caller.press('0');
    const enterprise = queue(caller);
    expect(enterprise.name).toBe('enterprise');
    await enterprise.press('1');
    await enterprise.left('leave');
    const { body } = await server.admin.get('/api/tickets');
    expect(body.tickets).toEqual([expect.objectContaining({ category: 'callback', priority: 'high', hotline: 'enterprise' })]);
  });

  it('speaks English in the wait of the international queue', async () => {
    const caller = server.caller(ALEX, '+86-400-0066-888', { fromCountry: 'US' });
    await caller.ring();
    await caller.press('1');
    await caller.press('0');
    const international = queue(caller);
    expect(international.name).toBe('international');
    expect(said((await international.wait(2, 300)).verbs)).toEqual([
      'You are number 2 in the queue. Thank you for holding.',
      'The estimated wait is about 5 minutes.',
      'To get a call back instead of waiting, press 1.',
    ]);
    await international.press('1');
    expect(said((await international.left('leave')).verbs)[1]).toBe('Thank you for calling. Goodbye.');
  });
});
