import { simulateCall, loadProjectOrThrow } from '../../src/sim/simulate-call';
import { simulatedServices } from '../../src/sim/simulated-services';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';

const demo = (at = '2026-11-23T21:00:00+08:00', extra: Partial<Parameters<typeof simulateCall>[0]> = {}) =>
  simulateCall({ dial: '400-000-0000', at, flowsDir: 'test/fixtures/flows/good', ...extra });

describe('calling the demo line', () => {
  it('dial at 21:00, hear the welcome and the menu, wait for one key', async () => {
    const call = await demo();
    expect(call.hotline).toBe('demo');
    expect(call.heard()).toBe('欢迎致电演示热线。\n查询请按1，留言请按2，英文服务请按9。');
    expect(call.waitingFor).toMatchObject({ kind: 'digits', minDigits: 1, maxDigits: 1 });
  });

  it('press 9 and hear the same menu in English', async () => {
    const call = await demo();
    await call.press('9');
    expect(call.lastHeard()).toBe('For enquiries press 1, to leave a message press 2, for English press 9.');
  });

  it('press * and hear the menu again', async () => {
    const call = await demo();
    await call.press('*');
    expect(call.lastHeard()).toBe('查询请按1，留言请按2，英文服务请按9。');
  });

  it('press a wrong key three times: re-prompted twice with different words, then handed to a person', async () => {
    const call = await demo();
    await call.press('7');
    expect(call.lastHeard()).toMatch(/^抱歉，您的输入有误。\n查询请按1/);
    await call.press('8');
    expect(call.lastHeard()).toMatch(/^输入仍然有误/);
    await call.press('6');
    expect(call.lastHeard()).toBe('多次输入有误，正在为您转接人工客服。\n正在为您转接人工客服，请稍候。');
    expect(call.ended).toEqual({ kind: 'transfer', queue: 'general', priority: 'normal' });
  });

  it('stay silent three times and reach a person, never a dead end', async () => {
    const call = await demo();
    await call.silence();
    expect(call.lastHeard()).toMatch(/^抱歉，没有听到您的选择。/);
    await call.silence();
    await call.silence();
    expect(call.ended?.kind).toBe('transfer');
  });

  it('press 0 at any menu and reach a person', async () => {
    const call = await demo();
    await call.press('0');
    expect(call.ended).toMatchObject({ kind: 'transfer', queue: 'general' });
  });

  it('verify with the code texted to the registered phone, key an order number, get a reset link by SMS', async () => {
    const call = await demo();
    await call.press('1');
    expect(call.lastHeard()).toBe('验证本机号码请按1，使用其他号码请按2。');
    await call.press('1');
    expect(call.lastHeard()).toBe('验证码已发送至尾号8000的手机。\n请输入6位验证码。');
    const code = call.services.lastCodeSentTo('+8613800138000')!;
    expect(code).toMatch(/^\d{6}$/);
    await call.press(code);
    expect(call.lastHeard()).toMatch(/^验证成功。\n请输入10位订单号/);
    await call.press('1234567890#');
    expect(call.lastHeard()).toMatch(/您的订单号是1 2 3 4 5 6 7 8 9 0。\n短信已发送。\n感谢来电，再见。/);
    expect(call.ended).toEqual({ kind: 'hangup' });
    const resetSms = call.services.sms.sent.find((m) => m.kind === 'reset_link')!;
    expect(resetSms).toMatchObject({ to: '+8613800138000', from: '+8610690000009' });
    expect(resetSms.body).toBe('重置密码请访问https://kefu.example.com/reset');
    expect(call.path).toEqual(['welcome', 'main', 'verify', 'check', 'ok', 'order', 'order_ok', 'reset', 'bye']);
  });

  it('never keeps the one-time code in the call state', async () => {
    const call = await demo();
    await call.press('1 1');
    const code = call.services.lastCodeSentTo('+8613800138000')!;
    await call.press(code);
    expect(JSON.stringify(call.snapshot)).not.toContain(code);
  });

  it('a caller not in the directory keys in a registered number instead', async () => {
    const call = await demo(undefined, { from: '+8615000000000' });
    await call.press('1');
    expect(call.lastHeard()).toBe('请输入注册手机号，以井号键结束。');
    await call.press('13800138000#');
    expect(call.lastHeard()).toMatch(/尾号8000/);
  });

  it('a wrong code three times locks the check and the caller reaches a person', async () => {
    const call = await demo();
    await call.press('1 1');
    const code = call.services.lastCodeSentTo('+8613800138000')!;
    const wrong = code === '000000' ? '111111' : '000000';
    await call.press(wrong);
    expect(call.lastHeard()).toMatch(/^验证码错误。/);
    await call.press(wrong);
    await call.press(wrong);
    expect(call.lastHeard()).toMatch(/验证失败次数过多/);
    expect(call.ended?.kind).toBe('transfer');
  });

  it('a code keyed in after five minutes has expired and a new one is sent', async () => {
    const call = await demo();
    await call.press('1 1');
    const first = call.services.lastCodeSentTo('+8613800138000')!;
    call.clock.advance(5 * 60_000 + 1);
    await call.press(first);
    expect(call.lastHeard()).toMatch(/^验证码已过期，我们将重新发送。\n验证码已发送至尾号8000/);
    expect(call.services.sms.sent.filter((m) => m.kind === 'otp')).toHaveLength(2);
  });

  it('leave a voicemail and hear the ticket number digit by digit with the reply promise', async () => {
    const call = await demo();
    await call.press('2');
    expect(call.waitingFor).toEqual({ kind: 'recording', maxLengthSec: 120, finishOnKey: '#' });
    await call.record('https://rec.example/RE1.wav', 20);
    const ticketId = call.vars.ticketId;
    expect(ticketId).toMatch(/^\d{8}$/);
    expect(call.lastHeard()).toContain(`您的工单号是${ticketId.split('').join(' ')}，我们将在24小时内回复。`);
    const [ticket] = await call.services.tickets.list({});
    expect(ticket).toMatchObject({ id: ticketId, category: 'voicemail', recordingUrl: 'https://rec.example/RE1.wav' });
    expect(call.services.sms.sent.some((m) => m.kind === 'ticket' && m.body.includes(ticketId))).toBe(true);
  });

  it('hears the after-hours message naming the hours at 03:00', async () => {
    const call = await demo('2026-11-23T03:00:00+08:00');
    expect(call.afterHours).toBe(true);
    expect(call.heard()).toBe('本热线服务时间为每天8:00至24:00，请在服务时间内来电。\n感谢来电，再见。');
    expect(call.ended).toEqual({ kind: 'hangup' });
  });

  it('is closed all day on a holiday override, even at noon', async () => {
    const call = await demo('2026-12-25T12:00:00+08:00');
    expect(call.afterHours).toBe(true);
  });

  it('gives the same answer whatever the server time zone, because the call carries its own', async () => {
    const call = await demo('2026-11-23T23:59:00+08:00');
    expect(call.afterHours).toBe(false);
    const late = await demo('2026-11-24T00:00:00+08:00');
    expect(late.afterHours).toBe(true);
  });

  it('a number nobody answers is not in service', async () => {
    const call = await simulateCall({ dial: '400-999-9999', flowsDir: 'test/fixtures/flows/good' });
    expect(call.notInService).toBe(true);
  });

  it('when the account directory is down, a keyed-in number is not called wrong: the caller is told and reaches a person', async () => {
    const project = loadProjectOrThrow('test/fixtures/flows/good');
    const clock = new SimulatedClock(parseInstant('2026-11-23T21:00:00+08:00'));
    const services = simulatedServices({ project, clock });
    const handlers = {
      ...services.handlers,
      lookupAccount: async () => {
        throw new Error('directory unreachable');
      },
    };
    const call = await simulateCall({ dial: '400-000-0000', project, clock, services, handlers });
    await call.press('1');
    expect(call.lastHeard()).toBe('请输入注册手机号，以井号键结束。');
    await call.press('13800138000#');
    expect(call.lastHeard()).toBe('暂时无法完成验证。\n正在为您转接人工客服，请稍候。');
    expect(call.ended?.kind).toBe('transfer');
  });
});
