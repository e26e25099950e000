import { GENERAL, servicesWorld, type ServicesWorld } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const ALEX = '+14155550100';
const SURVEY_ZH = '【客服热线】感谢您的来电。回复1-5评价本次服务（5为非常满意），回复其他内容可留下意见，回复TD退订。';
const SURVEY_EN = '[Hotline] Thank you for calling. Reply 1-5 to rate our service (5 = excellent), or reply with a comment. Reply STOP to opt out.';
const isSurvey = (text: string) => text === SURVEY_ZH || text === SURVEY_EN;

describe('the satisfaction SMS after a call, and the caller’s answers to it', () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());

  /** A caller on the general line presses 0 for a person, then the call ends. */
  async function callForAPerson(server: ReturnType<ServicesWorld['server']>, from = ZHANG, ...statuses: string[]) {
    const caller = server.caller(from);
    await caller.ring();
    await caller.press('0');
    for (const status of statuses.length ? statuses : ['completed']) await caller.hangUp(status);
    return caller;
  }
  const surveysTo = (phone: string) => world.textsTo(phone).filter(isSurvey);
  /** What Twilio texted back to `phone` as answers to its SMS (<Message>), in order. */
  const repliesTo = (phone: string) => world.twilio.messages.filter((m) => m.to === phone && m.direction === 'outbound-reply').map((m) => m.body);

  it('texts one survey in Chinese after a completed call, however often Twilio posts the status callback', async () => {
    const server = world.server();
    const caller = await callForAPerson(server, ZHANG, 'completed', 'completed', 'completed');
    expect(await server.flush()).toMatchObject({ sent: 1 });
    expect(surveysTo(ZHANG)).toEqual([SURVEY_ZH]);

    const { body } = await server.admin.get(`/api/calls/${caller.sid}`);
    expect(body).toMatchObject({ call: { status: 'completed', outcome: 'transferred' }, tickets: [], survey: { sms: 'sent', sentAt: world.clock.now(), rating: null, comment: null } });
  });

  it('sends the survey once when the server restarts between closing the call and sending it, and Twilio posts the callback again', async () => {
    const before = world.server();
    const caller = await callForAPerson(before);
    await before.close();

    const after = world.server();
    await after.caller(ZHANG, GENERAL, { sid: caller.sid }).hangUp('completed');
    await after.flush();
    await after.flush();
    expect(surveysTo(ZHANG)).toEqual([SURVEY_ZH]);
  });

  it('does not text a caller who hung up during the greeting, nor after a call that never connected', async () => {
    const server = world.server();
    const greetingOnly = server.caller(ZHANG);
    await greetingOnly.ring();
    await greetingOnly.hangUp('completed', 6);
    await callForAPerson(server, ZHANG, 'failed');
    await server.flush();
    expect(surveysTo(ZHANG)).toEqual([]);
    expect((await server.admin.get(`/api/calls/${greetingOnly.sid}`)).body.survey).toBeNull();
  });

  it('asks in English on the international line, and thanks in English for a full-width rating', async () => {
    const server = world.server();
    const caller = server.caller(ALEX, '+86-400-0066-888', { fromCountry: 'US' });
    await caller.ring();
    await caller.press('1');
    await caller.press('0');
    expect(caller.last!.verbs.at(-1)).toMatchObject({ verb: 'Enqueue', text: 'international' });
    await caller.hangUp();
    await server.flush();
    expect(surveysTo(ALEX)).toEqual([SURVEY_EN]);
    expect(world.twilio.messages.find((m) => m.to === ALEX)!.from).toBe('+8610690000003');

    expect(await server.textBack(ALEX, '４', '+8610690000003')).toMatchObject({ message: 'Thank you for your rating!' });
    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.survey).toMatchObject({ rating: 4 });
  });

  it('keeps other replies as comments on the latest survey of the number, rates that call, and thanks once', async () => {
    const server = world.server();
    const earlier = await callForAPerson(server);
    world.clock.advance(60 * 60_000);
    const latest = await callForAPerson(server);
    await server.flush();

    expect(await server.textBack(ZHANG, '客服很耐心')).toMatchObject({ message: '感谢您的宝贵意见，我们会认真改进。' });
    expect(await server.textBack(ZHANG, '但是等待时间太长')).toMatchObject({ status: 200, replies: [] });
    expect(await server.textBack(ZHANG, '3分')).toMatchObject({ status: 200, replies: [] });

    const shown = async (sid: string) => (await server.admin.get(`/api/calls/${sid}`)).body.survey;
    expect(await shown(latest.sid)).toMatchObject({ rating: 3, comment: '客服很耐心\n但是等待时间太长' });
    expect(await shown(earlier.sid)).toMatchObject({ rating: null, comment: null });
    expect(repliesTo(ZHANG)).toEqual(['感谢您的宝贵意见，我们会认真改进。']);
  });

  it('changes nothing and texts nothing when Twilio delivers the same reply again', async () => {
    const server = world.server();
    const caller = await callForAPerson(server);
    await server.flush();
    const first = await server.textBack(ZHANG, '服务很好');
    expect(first).toMatchObject({ status: 200, message: '感谢您的宝贵意见，我们会认真改进。' });
    const again = await server.textBack(ZHANG, '服务很好', undefined, { messageSid: first.messageSid });
    expect(again).toMatchObject({ status: 200, replies: [] });

    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.survey).toMatchObject({ comment: '服务很好' });
    expect(repliesTo(ZHANG)).toHaveLength(1);
  });

  it('records one delivery when Twilio posts the same reply to two servers on the SQLite file at once', async () => {
    const [a, b] = [world.server(), world.server()];
    const caller = await callForAPerson(a);
    await a.flush();
    const messageSid = 'SM0000000000000000000000000000cafe';
    const answers = await Promise.all([a.textBack(ZHANG, '好', undefined, { messageSid }), b.textBack(ZHANG, '好', undefined, { messageSid })]);
    expect(answers.flatMap((x) => x.replies)).toEqual(['感谢您的宝贵意见，我们会认真改进。']);
    expect((await b.admin.get(`/api/calls/${caller.sid}`)).body.survey).toMatchObject({ comment: '好' });
  });

  it('thanks an auto-responder once, however long it keeps answering our texts', async () => {
    const server = world.server();
    await callForAPerson(server);
    await server.flush();
    // The "caller" answers every text it gets from us with another text, up to 20 rounds.
    let answer = await server.textBack(ZHANG, '5');
    for (let round = 0; answer.replies.length > 0 && round < 20; round++) answer = await server.textBack(ZHANG, '[自动回复] 您好，我现在不方便，稍后联系您。');
    await server.textBack(ZHANG, '[自动回复] 您好，我现在不方便，稍后联系您。');

    expect(repliesTo(ZHANG)).toEqual(['感谢您的评价，祝您生活愉快！']);
    expect(world.twilio.messages.filter((m) => m.to === ZHANG)).toHaveLength(2); // the survey and one thanks
  });

  it('ignores a rating or a comment more than 7 days after the survey: no thanks, nothing recorded', async () => {
    const server = world.server();
    const caller = await callForAPerson(server);
    await server.flush();
    world.clock.advance(7 * 24 * 60 * 60_000 + 60_000);
    expect(await server.textBack(ZHANG, '1')).toMatchObject({ status: 200, replies: [] });
    expect(await server.textBack(ZHANG, '太差了')).toMatchObject({ status: 200, replies: [] });
    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.survey).toMatchObject({ rating: null, comment: null });
    expect(repliesTo(ZHANG)).toEqual([]);
    expect(server.logs.filter((l) => l.msg === 'SMS received').map((l) => l.reply)).toEqual(['late', 'late']);
  });

  it('takes a rating on the last day of the 7', async () => {
    const server = world.server();
    const caller = await callForAPerson(server);
    await server.flush();
    world.clock.advance(7 * 24 * 60 * 60_000 - 60_000);
    expect(await server.textBack(ZHANG, '4')).toMatchObject({ message: '感谢您的评价，祝您生活愉快！' });
    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.survey).toMatchObject({ rating: 4 });
  });

  it('keeps at most 500 characters of comments, cut with a mark', async () => {
    const server = world.server();
    const caller = await callForAPerson(server);
    await server.flush();
    const long = '等'.repeat(600);
    expect(await server.textBack(ZHANG, long)).toMatchObject({ status: 200, message: '感谢您的宝贵意见，我们会认真改进。' });
    expect(await server.textBack(ZHANG, '还有一件事')).toMatchObject({ status: 200, replies: [] });
    const { comment } = (await server.admin.get(`/api/calls/${caller.sid}`)).body.survey;
    expect(Array.from(comment as string)).toHaveLength(500);
    expect(comment).toBe(`${'等'.repeat(499)}…`);
  });

  it('stops every later survey for a number that replies 退订 (or STOP), across restarts, and confirms 退订 once', async () => {
    const server = world.server();
    await callForAPerson(server);
    await server.flush();
    expect(await server.textBack(ZHANG, '退订')).toMatchObject({ message: '您已退订满意度评价短信，今后不再发送。' });
    expect(await server.textBack(ZHANG, '退订')).toMatchObject({ status: 200, replies: [] });
    // Twilio answers STOP itself (and then blocks our texts to the number): we record, and answer nothing.
    expect(await server.textBack(ALEX, 'stop', '+8610690000003')).toMatchObject({ status: 200, replies: [] });
    await server.close();

    const restarted = world.server();
    await callForAPerson(restarted);
    const alex = restarted.caller(ALEX, '+86-400-0066-888', { fromCountry: 'US' });
    await alex.ring();
    await alex.press('1');
    await alex.press('0');
    await alex.hangUp();
    await restarted.flush();
    expect(surveysTo(ZHANG)).toHaveLength(1);
    expect(surveysTo(ALEX)).toEqual([]);
    expect(repliesTo(ZHANG)).toEqual(['您已退订满意度评价短信，今后不再发送。']);
  });

  it('surveys a number again after it replies 订阅 (confirmed) or START (confirmed by Twilio)', async () => {
    const server = world.server();
    await callForAPerson(server);
    await server.flush();
    await server.textBack(ZHANG, 'TD');
    await callForAPerson(server);
    await server.flush();
    expect(surveysTo(ZHANG)).toHaveLength(1);

    expect(await server.textBack(ZHANG, '订阅')).toMatchObject({ message: '您已恢复接收满意度评价短信，回复TD可随时退订。' });
    expect(await server.textBack(ZHANG, '订阅')).toMatchObject({ status: 200, replies: [] });
    await callForAPerson(server);
    await server.flush();
    expect(surveysTo(ZHANG)).toHaveLength(2);

    await server.textBack(ZHANG, 'STOP');
    expect(await server.textBack(ZHANG, 'start')).toMatchObject({ status: 200, replies: [] });
    await callForAPerson(server);
    await server.flush();
    expect(surveysTo(ZHANG)).toHaveLength(3);
  });

  it('answers an SMS from a number that was never surveyed with nothing, and refuses a form without a sender', async () => {
    const server = world.server();
    const stranger = await server.textBack('+8615000000000', '5');
    expect(stranger).toMatchObject({ status: 200, replies: [] });
    expect((await server.textBack('', 'hello')).status).toBe(400);
    expect(world.twilio.messages).toEqual([]);
  });

  it('retries a survey the SMS API refused for a while, and shows when it finally went', async () => {
    const server = world.server();
    const caller = await callForAPerson(server);
    world.twilio.failNext(1, { status: 503, code: 20503, message: 'Service unavailable' });
    expect(await server.flush()).toMatchObject({ retrying: 1 });
    const pending = (await server.admin.get(`/api/calls/${caller.sid}`)).body.survey;
    expect(pending).toMatchObject({ sms: 'pending', sentAt: null });

    world.clock.advance(30_000);
    expect(await server.flush()).toMatchObject({ sent: 1 });
    expect((await server.admin.get(`/api/calls/${caller.sid}`)).body.survey).toMatchObject({ sms: 'sent', sentAt: world.clock.now() });
    expect(surveysTo(ZHANG)).toHaveLength(1);
    const entry = await server.services.outbox!.get(`${caller.sid}/survey`);
    expect(entry).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
