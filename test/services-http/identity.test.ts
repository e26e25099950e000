import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shape } from '../helpers/twilio-caller';
import { servicesWorld, wrongCode, type ServicesWorld } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const STRANGER = '+8615000000000';
const MIN = 60_000;

const GREETING = ['您好，欢迎致电客服中心。为了提升服务质量，您的通话可能会被录音。任何时候按0，都可以转接人工客服。', '请说出您要办理的业务，或按键选择：账号问题请按1，内容违规申诉请按2，电商服务请按3，人工服务请按0，重听请按星号键。'];
const OFFER = '系统检测到您正在使用尾号8 0 0 0的注册手机来电。使用该号码接收验证码请说“是”或按1，使用其他手机号请说“其他号码”或按2。';
const CODE_SENT = ['验证码已发送到您尾号8 0 0 0的手机。', '请说出或输入短信中的6位验证码。'];
const LOCKED = '由于验证失败次数过多，身份验证已暂时锁定。';
/** Account specialists can verify a caller by other means. */
const TO_ACCOUNT_DESK = '正在为您转接账号服务专员，请稍候。';
const ACCOUNT_MENU = '请说出您遇到的问题，或按键选择：登录或密码问题请按1；账号被盗或资金异常请按2；账号被封禁申诉请按3；充值未到账或提现失败请按4。人工服务请按0，重听请按星号键。';

describe('the identity check over HTTP, on SQLite, with codes texted through Twilio', () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());

  it('verifies a caller who keys the code Twilio texted to the registered phone', async () => {
    const caller = world.server().caller(ZHANG);
    expect((await caller.ring()).status).toBe(200);
    expect(caller.heard()).toEqual(GREETING);
    await caller.press('1');
    expect(caller.heard()).toEqual([OFFER]);
    await caller.press('1');
    expect(caller.heard()).toEqual(CODE_SENT);

    const texts = world.textsTo(ZHANG);
    expect(texts).toEqual([expect.stringMatching(/^【客服热线】您的验证码是\d{6}，5分钟内有效。/)]);
    expect(world.twilio.messages[0].from).toBe('+8610690000001');

    await caller.press(world.codeSentTo(ZHANG));
    expect(caller.heard()).toEqual(['身份验证成功。', ACCOUNT_MENU]);
  });

  it('never verifies on caller ID alone: a caller without the texted code does not reach the account menu', async () => {
    const caller = world.server().caller(ZHANG);
    await caller.ring();
    await caller.press('1');
    await caller.press('1');
    for (let i = 0; i < 3; i++) await caller.silence();
    expect(caller.heard()).not.toContain(ACCOUNT_MENU);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Say', 'Enqueue']);
    expect(caller.last!.verbs.at(-1)!.text).toBe('account');
  });

  it('refuses an expired code after 5 minutes and texts a new one, which then works', async () => {
    const caller = world.server().caller(ZHANG);
    await caller.ring();
    await caller.press('1');
    await caller.press('1');
    const first = world.codeSentTo(ZHANG);

    world.clock.advance(5 * MIN);
    await caller.press(first);
    expect(caller.heard()).toEqual(['验证码已过期，我们将为您重新发送。', ...CODE_SENT]);
    expect(world.textsTo(ZHANG)).toHaveLength(2);

    await caller.press(world.codeSentTo(ZHANG));
    expect(caller.heard()).toEqual(['身份验证成功。', ACCOUNT_MENU]);
  });

  it('locks after three wrong codes, and a new call to a restarted server within 15 minutes is still locked and put through to the account desk', async () => {
    const first = world.server();
    const caller = first.caller(ZHANG);
    await caller.ring();
    await caller.press('1');
    await caller.press('1');
    const wrong = wrongCode(world.codeSentTo(ZHANG));
    await caller.press(wrong);
    expect(caller.heard()).toEqual(['验证码不正确。', CODE_SENT[1]]);
    await caller.press(wrong);
    await caller.press(wrong);
    expect(caller.heard()).toEqual([LOCKED, TO_ACCOUNT_DESK]);
    expect(caller.last!.verbs.at(-1)).toMatchObject({ verb: 'Enqueue', text: 'account' });
    await caller.hangUp();
    await first.close();

    // A new process on the same file, 14 minutes later: no code is texted, the caller is told and put through.
    world.clock.advance(14 * MIN);
    const again = world.server().caller(ZHANG);
    await again.ring();
    await again.press('1');
    await again.press('1');
    expect(again.heard()).toEqual([LOCKED, TO_ACCOUNT_DESK]);
    expect(again.last!.verbs.at(-1)).toMatchObject({ verb: 'Enqueue', text: 'account' });
    expect(world.textsTo(ZHANG).filter((t) => t.includes('验证码'))).toHaveLength(1);

    // After 15 minutes the lock is over.
    world.clock.advance(1 * MIN);
    const later = world.server().caller(ZHANG);
    await later.ring();
    await later.press('1');
    await later.press('1');
    expect(later.heard()).toEqual(CODE_SENT);
  });

  it('stops a caller who keys the numbers of several accounts: the fourth account within 15 minutes is refused', async () => {
    const accounts = join(world.dir, 'accounts.yaml');
    writeFileSync(
      accounts,
      ['accounts:', ...['13800138000', '13700137000', '13900139000', '13600136000'].map((p, i) => `  - { id: U9000${i}, phone: '+86${p}', name: 用户${i} }`)].join('\n'),
    );
    const server = world.server({ env: { ACCOUNTS_FILE: accounts } });
    const tryAccount = async (phone: string) => {
      const caller = server.caller(STRANGER);
      await caller.ring();
      await caller.press('1');
      expect(caller.heard()).toEqual(['请说出或输入您账号绑定的11位手机号码，按键输入请以井号键结束。']);
      await caller.press(phone);
      await caller.hangUp();
      return caller.heard();
    };
    expect(await tryAccount('13800138000')).toEqual(CODE_SENT);
    expect(await tryAccount('13700137000')).toEqual(['验证码已发送到您尾号7 0 0 0的手机。', CODE_SENT[1]]);
    expect(await tryAccount('13900139000')).toEqual(['验证码已发送到您尾号9 0 0 0的手机。', CODE_SENT[1]]);
    expect(await tryAccount('13600136000')).toEqual([LOCKED, TO_ACCOUNT_DESK]);
    expect(world.twilio.messages.map((m) => m.to)).toEqual(['+8613800138000', '+8613700137000', '+8613900139000']);
  });
});
