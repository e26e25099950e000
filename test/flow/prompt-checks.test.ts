import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../src/diagnostics';
import { loadProject } from '../../src/flow/load/load-project';
import { foreignText } from '../../src/flow/validate/prompt-language';
import { estimateSpeech } from '../../src/flow/validate/speech-length';

const GOOD = 'test/fixtures/flows/good';

describe('how long a prompt takes to say', () => {
  it('counts Chinese characters and digits at 4.5 a second', () => {
    expect(estimateSpeech('账号问题请按1，人工服务请按0。', 'zh-CN')).toEqual({ seconds: 14 / 4.5, amount: 14, unit: 'characters' });
  });

  it('counts English words at 2.7 a second, and a long number digit by digit', () => {
    expect(estimateSpeech('For account issues, press 1.', 'en-US').amount).toBe(5);
    expect(estimateSpeech('Call 400-0066-888.', 'en-US').amount).toBe(11);
  });

  it('reads an acronym letter by letter and any other Latin word as two characters in Chinese', () => {
    expect(estimateSpeech('VIP专线', 'zh-CN').amount).toBe(5);
    expect(estimateSpeech('App内', 'zh-CN').amount).toBe(3);
  });

  it('counts placeholders at their usual spoken length, and {hours:…} as the hours it becomes', () => {
    expect(estimateSpeech('工单号{ticketId:digits}，尾号{phoneTail:digits}', 'zh-CN').amount).toBe(5 + 8 + 4);
    expect(estimateSpeech('within {ticketSlaMinutes:duration}', 'en-US').amount).toBe(1 + 2);
    const demo = { id: 'demo', hours: { daily: ['08:00-24:00'] } } as const;
    // "每天8:00至24:00": 3 characters and 7 digits.
    expect(estimateSpeech('{hours:demo}', 'zh-CN', [demo as never]).amount).toBe(10);
  });
});

describe('text in the language of the voice that speaks it', () => {
  it('finds Chinese in English text and an English sentence in Chinese text', () => {
    expect(foreignText('For English, press 1. 中文服务请按2。', 'en-US')).toEqual({ found: 'zh-CN', snippet: '中文服务请按2。' });
    expect(foreignText('For English, press 1. 中文服务请按2。', 'zh-CN')).toEqual({ found: 'en-US', snippet: 'For English, press 1.' });
  });

  it('lets Chinese text keep a brand word or an acronym', () => {
    expect(foreignText('请在App内联系在线客服，企业VIP专线，投放ID', 'zh-CN')).toBeUndefined();
  });
});

describe('catalogue entries are checked where they are written', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-prompts-'));
    cpSync(GOOD, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const append = (lang: string, lines: string) => {
    const file = join(dir, 'prompts', `${lang}.yaml`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}${lines}`);
    return readFileSync(file, 'utf8').split('\n').length - 1;
  };

  it('reports an over-long entry and an English entry with Chinese in it at prompts/<lang>.yaml:line:col', () => {
    const long = `${'For orders press 1, for refunds press 2, for anything else press 3. '.repeat(6).trim()}\n`;
    const line = append('en-US', `menu_long: ${long}bilingual: 'For English, press 1. 中文服务请按2。'\n`);
    const { diagnostics } = loadProject(dir);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${dir}/prompts/en-US.yaml:${line - 1}:12 prompt "menu_long" is about 28.9 s of speech (78 words at 2.7 a second); the limit is 25 s: shorten it or split it into two prompts`,
      `${dir}/prompts/en-US.yaml:${line}:12 prompt "bilingual" is en-US text but contains Chinese ("中文服务请按2。"), which the en-US voice cannot read; say it in a fixed-language part: { lang: zh-CN, text: '中文服务请按2。' }`,
    ]);
  });

  it('skips an SMS body: it is read, not heard', () => {
    const sms = `【演示热线】${'重置密码请点击链接并按页面提示操作，'.repeat(8)}{link}`;
    const file = join(dir, 'prompts', 'zh-CN.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^sms\.reset: .*$/m, `sms.reset: ${sms}`));
    expect(estimateSpeech(sms, 'zh-CN').seconds).toBeGreaterThan(25);
    expect(loadProject(dir).diagnostics).toEqual([]);
  });
});
