import type { Listen } from '../../src/speech/hearing';
import { understand } from '../../src/speech/understand';
import { shippedLexicon } from './lexicons';

const zh = shippedLexicon('zh-CN');
const en = shippedLexicon('en-US');
const confident = { minConfidence: 0.5 };

const mainMenuZh: Listen = {
  mode: 'choice',
  intents: ['emergency', 'person'],
  options: [
    { key: '1', phrases: ['账号', '登录', '密码'] },
    { key: '2', phrases: ['申诉', '违规', '封禁', '视频'] },
    { key: '3', phrases: ['电商', '订单', '退款', '商品'] },
  ],
};
const mainMenuEn: Listen = {
  mode: 'choice',
  intents: ['emergency', 'person'],
  options: [
    { key: '1', phrases: ['account', 'log in', 'password'] },
    { key: '2', phrases: ['appeal', 'video', 'banned'] },
    { key: '3', phrases: ['order', 'refund', 'shop'] },
  ],
};
const phoneEntry: Listen = { mode: 'digits', intents: ['person'] };

const hearZh = (text: string, confidence?: number, listen: Listen = mainMenuZh) => understand({ text, confidence }, listen, zh, 'zh-CN', confident);
const hearEn = (text: string, confidence?: number, listen: Listen = mainMenuEn) => understand({ text, confidence }, listen, en, 'en-US', confident);

describe('understand: a Mandarin caller at the main menu', () => {
  it('sends "我的账号被盗了" down the emergency path, though it also names the account option', () => {
    expect(hearZh('我的账号被盗了', 0.9)).toEqual({ kind: 'choice', choice: 'emergency' });
  });

  it('puts "转人工" through to a person', () => {
    expect(hearZh('转人工', 0.92)).toEqual({ kind: 'choice', choice: 'person' });
  });

  it('does not hear the emergency path on a menu that does not listen for it', () => {
    expect(hearZh('我的账号被盗了', 0.9, { ...mainMenuZh, intents: ['person'] })).toEqual({ kind: 'choice', choice: '1' });
  });

  it('takes "我的帐号登陆不上" as the account option by sound (帐号 for 账号, 登陆 for 登录)', () => {
    expect(hearZh('我的帐号登陆不上', 0.8)).toEqual({ kind: 'choice', choice: '1' });
  });

  it('asks which one for "账号的视频被封禁了": appeal first, it covers more of what was said', () => {
    expect(hearZh('账号的视频被封禁了', 0.9)).toEqual({ kind: 'unsure', choices: ['2', '1'] });
  });

  it('confirms a match the recogniser was unsure of (0.3 under a 0.5 threshold)', () => {
    expect(hearZh('我要退款', 0.3)).toEqual({ kind: 'unsure', choices: ['3'] });
    expect(hearZh('转人工', 0.3)).toEqual({ kind: 'unsure', choices: ['person'] });
  });

  it('takes a match when the recogniser gave no confidence at all', () => {
    expect(hearZh('我要退款')).toEqual({ kind: 'choice', choice: '3' });
  });

  it('looks past fillers: "嗯，那个，电商"', () => {
    expect(hearZh('嗯，那个，电商', 0.7)).toEqual({ kind: 'choice', choice: '3' });
  });

  it('reads the spaced-out recogniser output "我 的 订 单"', () => {
    expect(hearZh('我 的 订 单', 0.7)).toEqual({ kind: 'choice', choice: '3' });
  });

  it.each(['二', '2', '按2', '第二个', '选二'])('takes the key said aloud: "%s" is option 2', (said) => {
    expect(hearZh(said, 0.9)).toEqual({ kind: 'choice', choice: '2' });
  });

  it('hears nothing in a key the menu does not have, or in small talk', () => {
    expect(hearZh('九', 0.9)).toEqual({ kind: 'noMatch' });
    expect(hearZh('今天天气不错', 0.9)).toEqual({ kind: 'noMatch' });
    expect(hearZh('嗯……', 0.9)).toEqual({ kind: 'noMatch' });
  });
});

describe('understand: confirming "您是要办理账号业务吗？"', () => {
  const confirm = (text: string) => understand({ text, confidence: 0.9 }, mainMenuZh, zh, 'zh-CN', { minConfidence: 0.5, confirming: true });

  it.each(['是的', '对', '对对对', '嗯，是', '没错'])('"%s" is yes', (said) => {
    expect(confirm(said)).toEqual({ kind: 'yes' });
  });

  it.each(['不是', '不对', '不是的', '不，我要退款', '对，不是那个'])('"%s" is no, though some hold a yes word', (said) => {
    expect(confirm(said)).toEqual({ kind: 'no' });
  });

  it('hears the option, not a yes, in "我是想问订单"', () => {
    expect(confirm('我是想问订单')).toEqual({ kind: 'choice', choice: '3' });
  });

  it('still puts the caller through to a person when they ask for one instead', () => {
    expect(confirm('转人工')).toEqual({ kind: 'choice', choice: 'person' });
  });
});

describe('understand: an English caller', () => {
  it('reaches a person with "I want to talk to someone"', () => {
    expect(hearEn('I want to talk to someone', 0.88)).toEqual({ kind: 'choice', choice: 'person' });
    expect(hearEn('Can I get an agent please?', 0.88)).toEqual({ kind: 'choice', choice: 'person' });
  });

  it('takes "um, my order" as the shop option', () => {
    expect(hearEn('um, my order', 0.8)).toEqual({ kind: 'choice', choice: '3' });
    expect(hearEn('where are my orders', 0.8)).toEqual({ kind: 'choice', choice: '3' });
  });

  it('sends a hacked account to the emergency path', () => {
    expect(hearEn('my account got hacked', 0.8)).toEqual({ kind: 'choice', choice: 'emergency' });
  });

  it.each(['one', 'press one', 'option one', 'the first one', '1'])('takes "%s" as option 1', (said) => {
    expect(hearEn(said, 0.9)).toEqual({ kind: 'choice', choice: '1' });
  });

  it('does not take "I have two accounts" as key 2', () => {
    expect(hearEn('I have two accounts', 0.9)).toEqual({ kind: 'choice', choice: '1' });
  });

  it('understands yes and no on whole words: "I know" is not no, "yes please" is yes', () => {
    const confirm = (text: string) => understand({ text }, mainMenuEn, en, 'en-US', { minConfidence: 0.5, confirming: true });
    expect(confirm('yes please')).toEqual({ kind: 'yes' });
    expect(confirm('no problem')).toEqual({ kind: 'yes' });
    expect(confirm("no that's wrong")).toEqual({ kind: 'no' });
    expect(confirm('nope')).toEqual({ kind: 'no' });
    expect(confirm('I know')).toEqual({ kind: 'noMatch' });
  });
});

describe('understand: a number entry', () => {
  it('turns the number said into digits', () => {
    expect(hearZh('我的号码是一三八零零一三八零零零', 0.7, phoneEntry)).toEqual({ kind: 'digits', digits: '13800138000' });
    expect(hearEn('one three eight double oh one three eight triple zero', 0.7, phoneEntry)).toEqual({ kind: 'digits', digits: '13800138000' });
  });

  it('still hears a request for a person first', () => {
    expect(hearZh('我不记得了，转人工吧', 0.7, phoneEntry)).toEqual({ kind: 'choice', choice: 'person' });
  });

  it('hears nothing in words that are no number', () => {
    expect(hearZh('我不知道', 0.7, phoneEntry)).toEqual({ kind: 'noMatch' });
    expect(hearEn('hold on', 0.7, phoneEntry)).toEqual({ kind: 'noMatch' });
  });
});

describe('understand: a phrase said inside a longer phrase of another option', () => {
  const thisPhone: Listen = {
    mode: 'choice',
    intents: [],
    options: [
      { key: '1', phrases: ['是', '是的', '本机'] },
      { key: '2', phrases: ['不是', '不用', '其他号码'] },
    ],
  };
  it('hears "不是" as the option of "不是", not as both "是" and "不是"', () => {
    expect(hearZh('不是', 0.9, thisPhone)).toEqual({ kind: 'choice', choice: '2' });
    expect(hearZh('是的', 0.9, thisPhone)).toEqual({ kind: 'choice', choice: '1' });
  });

  it('hears "账号封禁" as the ban option when another option has only "账号"', () => {
    const menu: Listen = { mode: 'choice', intents: [], options: [{ key: '1', phrases: ['账号'] }, { key: '2', phrases: ['账号封禁'] }] };
    expect(hearZh('我的账号封禁了', 0.9, menu)).toEqual({ kind: 'choice', choice: '2' });
    expect(hearZh('我的账号登不上', 0.9, menu)).toEqual({ kind: 'choice', choice: '1' });
  });
});
