import { enterCode, enterWrongCode, hear, press, record, silence, type ScenarioInput } from '../../src/coverage';
import { BRAND, ENTERPRISE, LATE, MORNING, NIGHT, STRANGER, ZHANG } from './lines';

/**
 * The enterprise VIP line 400-810-8800 (08:00-22:00) in Chinese and, on 9, English:
 * enterprise_language.yaml, enterprise.yaml, enterprise_closed.yaml.
 */
const CHINESE = [hear('您好，欢迎致电企业VIP服务专线。\nWelcome to the Enterprise VIP service line.\n中文服务请按1。\nFor English, press 9.'), press('1')];
const ENGLISH = [press('9')];
const verifyBrand = [hear('尾号9 0 0 0'), press('1'), enterCode(BRAND), hear('身份验证成功')];
const verifyBrandInEnglish = [hear('ending in 9 0 0 0'), press('1'), enterCode(BRAND), hear('you have been verified')];

export default [
  {
    name: 'a verified enterprise account reaches the VIP expert queue at the highest priority',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    line: { hotline: 'enterprise', afterHours: false },
    steps: [...CHINESE, hear('将向企业账号的注册手机发送验证码'), ...verifyBrand, hear('VIP专家坐席请按1'), press('1'), hear('正在为您优先转接VIP专家坐席')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'a verified enterprise account asks for its account manager',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, ...verifyBrand, press('2'), hear('正在为您转接专属客户经理')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'an advertising problem needs the campaign id: keyed in, it becomes a high-priority 48-hour ticket',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, ...verifyBrand, press('3'), hear('广告投放问题需提供投放ID'), press('66001234#'), hear('已为您登记广告投放工单'), hear('48小时内'), hear('欢迎为本次服务打分。再见。')],
    tickets: [{ category: 'other', priority: 'high' }],
    ends: { kind: 'hangup' },
  },
  {
    name: 'press 0 at the VIP menu: a verified caller gets the VIP queue at the highest priority',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, ...verifyBrand, press('0'), hear('VIP专家坐席')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'press * at the VIP menu and hear it again',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, ...verifyBrand, press('*'), hear('专属客户经理请按2'), press('2')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'a campaign id keyed wrong three times still reaches the VIP queue',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, ...verifyBrand, press('3'), press('12#'), press('34#'), silence()],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'a caller without the campaign id presses 0 and # and reaches the VIP queue',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, ...verifyBrand, press('3'), press('0#'), hear('VIP专家坐席')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'three wrong keys at the VIP menu reach the VIP queue',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, ...verifyBrand, press('4'), press('5'), press('#')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'with the ticket system down, an advertising caller is put through to the VIP queue',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    failing: ['createTicket'],
    steps: [...CHINESE, ...verifyBrand, press('3'), press('66001234#'), hear('系统暂时无法为您登记工单'), hear('VIP专家坐席')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'a personal account is told the line is for enterprises, and given the general number',
    dial: ENTERPRISE,
    from: ZHANG,
    at: MORNING,
    steps: [...CHINESE, press('1'), hear('本专线仅服务已认证的蓝V企业账号'), hear('4 0 0，0 0 6 6，8 8 8'), hear('欢迎为本次服务打分。再见。')],
    ends: { kind: 'hangup' },
  },
  {
    name: 'a caller with only the enterprise id presses 0 and the enterprise desk verifies them by hand',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, hear('如果您只有企业ID，请按0'), press('0'), hear('专员将人工核验您的企业身份')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'an enterprise caller who never keys the code is verified by hand at the enterprise desk',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, press('1'), silence(), silence(), silence(), hear('我们请人工客服来帮您'), hear('专员将人工核验')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'three wrong codes lock the check; the enterprise desk verifies the caller by hand',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...CHINESE, press('1'), enterWrongCode(BRAND), enterWrongCode(BRAND), enterWrongCode(BRAND), hear('身份验证已暂时锁定'), hear('专员将人工核验')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'an unregistered phone keys the enterprise account phone and is verified',
    dial: ENTERPRISE,
    from: STRANGER,
    at: MORNING,
    steps: [...CHINESE, hear('请输入您账号绑定的11位手机号码'), press('13900139000#'), enterCode(BRAND), press('2')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },

  // ---- English ----
  {
    name: 'English: press 9, verify the enterprise account and reach the VIP queue',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...ENGLISH, hear('To protect your enterprise account'), ...verifyBrandInEnglish, hear('For a VIP expert, press 1'), press('1'), hear('Connecting you to a VIP expert with priority')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'English: an advertising problem with its campaign id becomes a ticket',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...ENGLISH, ...verifyBrandInEnglish, press('3'), hear('we need your campaign ID'), press('66001234#'), hear('We have opened a ticket for your campaign'), hear('satisfaction survey by text message. Goodbye.')],
    tickets: [{ category: 'other', priority: 'high' }],
    ends: { kind: 'hangup' },
  },
  {
    name: 'English: a personal account is told, in English, to call the general line',
    dial: ENTERPRISE,
    from: ZHANG,
    at: MORNING,
    steps: [...ENGLISH, press('1'), hear('This line is for verified enterprise accounts only'), hear('Goodbye.')],
    ends: { kind: 'hangup' },
  },

  // ---- the language choice ----
  {
    name: 'press 0 at the language choice and reach the enterprise desk',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [press('0'), hear('正在为您转接企业服务专员')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'wrong keys and silence at the language choice, answered in both languages, end at the enterprise desk',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [press('2'), hear('抱歉，您按的键无效。\nSorry, that key is not a valid option.'), silence(), hear('请在听到您的语言后直接按键'), press('8'), hear('抱歉，未能识别您的选择')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },

  // ---- after hours ----
  {
    name: 'at 23:00 the caller hears the hours and leaves a voicemail that becomes a high-priority message for the account manager',
    dial: ENTERPRISE,
    from: BRAND,
    at: LATE,
    line: { hotline: 'enterprise', afterHours: true },
    steps: [...CHINESE, hear('服务时间为每天8:00至22:00'), hear('留言请按1'), press('1'), hear('说明您的企业名称'), record(), hear('已为您登记留言'), hear('最迟在24小时内'), hear('欢迎为本次服务打分。再见。')],
    tickets: [{ category: 'voicemail', priority: 'high' }],
    ends: { kind: 'hangup' },
  },
  {
    name: 'English at 03:00: the hours in Beijing time, then a voicemail with nothing said ends with a goodbye',
    dial: ENTERPRISE,
    from: BRAND,
    at: NIGHT,
    steps: [...ENGLISH, hear('open every day from 8 a.m. to 10 p.m. Beijing time'), press('1'), silence(), hear('satisfaction survey by text message. Goodbye.')],
    tickets: [],
    ends: { kind: 'hangup' },
  },
  {
    name: 'at 03:00 an urgent problem reaches the 24-hour general team with 0',
    dial: ENTERPRISE,
    from: BRAND,
    at: NIGHT,
    line: { hotline: 'enterprise', afterHours: true },
    steps: [...CHINESE, hear('紧急问题请按0'), press('0'), hear('正在为您转接24小时综合客服')],
    ends: { kind: 'transfer', queue: 'general' },
  },
  {
    name: 'at 03:00 press 0 at the language choice for the 24-hour general team',
    dial: ENTERPRISE,
    from: BRAND,
    at: NIGHT,
    steps: [press('0')],
    ends: { kind: 'transfer', queue: 'general' },
  },
  {
    name: 'at 03:00 silence at the after-hours menu three times reaches the 24-hour general team',
    dial: ENTERPRISE,
    from: BRAND,
    at: NIGHT,
    steps: [...CHINESE, silence(), silence(), silence()],
    ends: { kind: 'transfer', queue: 'general' },
  },
  {
    name: 'at 23:00, with the ticket system down, a voicemail caller is put through to the 24-hour general team',
    dial: ENTERPRISE,
    from: BRAND,
    at: LATE,
    failing: ['createTicket'],
    steps: [...CHINESE, press('1'), record(), hear('系统暂时无法为您登记工单'), hear('正在为您转接24小时综合客服')],
    ends: { kind: 'transfer', queue: 'general' },
  },
] satisfies ScenarioInput[];
