import { enterCode, hear, press, record, silence, type ScenarioInput } from '../../src/coverage';
import { BRAND, ENTERPRISE, LATE, MORNING, NIGHT, STRANGER, ZHANG } from './lines';

/**
 * The enterprise VIP line 400-810-8800 (08:00-22:00). The hotline offers zh-CN and en-US, but calls
 * start in its first language and the flow has no language menu, so only Chinese is reachable.
 */
const verifyBrand = [hear('尾号9000'), press('1'), enterCode(BRAND), hear('身份验证成功')];

export default [
  {
    name: 'a verified enterprise account reaches the expert desk first',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    line: { hotline: 'enterprise', afterHours: false },
    steps: [hear('欢迎致电企业VIP服务专线'), ...verifyBrand, hear('专家坐席请按1'), press('1'), hear('正在为您优先转接专家坐席')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'urgent' },
  },
  {
    name: 'a verified enterprise account asks for its account manager',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...verifyBrand, press('2'), hear('正在为您转接专属客户经理')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'an advertising problem: key the campaign id and get a high-priority ticket',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...verifyBrand, press('3'), hear('请输入广告的投放ID'), press('66001234#'), hear('已为您登记工单'), hear('再见')],
    tickets: [{ category: 'other', priority: 'high' }],
    ends: { kind: 'hangup' },
  },
  {
    name: 'press 0 at the VIP menu for the enterprise queue',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [...verifyBrand, press('0')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'a personal account is told the line is for enterprises, and given the general number',
    dial: ENTERPRISE,
    from: ZHANG,
    at: MORNING,
    steps: [press('1'), hear('本专线仅服务已认证的蓝V企业账号'), hear('再见')],
    ends: { kind: 'hangup' },
  },
  {
    name: 'an enterprise caller who never keys the code is verified by hand in the enterprise queue',
    dial: ENTERPRISE,
    from: BRAND,
    at: MORNING,
    steps: [press('1'), silence(), silence(), silence()],
    ends: { kind: 'transfer', queue: 'enterprise' },
  },
  {
    name: 'an unregistered phone keys the enterprise number and is verified',
    dial: ENTERPRISE,
    from: STRANGER,
    at: MORNING,
    steps: [hear('请输入您账号绑定的11位手机号码'), press('13900139000#'), enterCode(BRAND), press('2')],
    ends: { kind: 'transfer', queue: 'enterprise', priority: 'high' },
  },
  {
    name: 'at 23:00 the caller hears the hours and leaves a voicemail that becomes a priority callback',
    dial: ENTERPRISE,
    from: BRAND,
    at: LATE,
    line: { hotline: 'enterprise', afterHours: true },
    steps: [hear('每天8:00至22:00'), hear('客户经理会在上班后优先回电'), record(), hear('已为您登记回电'), hear('再见')],
    tickets: [{ category: 'callback', priority: 'high' }],
    ends: { kind: 'hangup' },
  },
  {
    name: 'at 03:00 a voicemail with nothing said ends with a goodbye',
    dial: ENTERPRISE,
    from: BRAND,
    at: NIGHT,
    steps: [silence(), hear('再见')],
    tickets: [],
    ends: { kind: 'hangup' },
  },
] satisfies ScenarioInput[];
