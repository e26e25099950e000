import { spawnSync } from 'node:child_process';
import { CallScriptFileSchema, loadScenarios } from '../../src/coverage';

const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', ...args], { encoding: 'utf8' });
const FIXTURES = 'test/coverage/fixtures/call-scripts';

describe('call scripts in YAML', () => {
  it('read into the same steps as the TypeScript ones: an anchored list of steps is spliced in, /…/ is a regex, reach names a node', () => {
    const [file] = loadScenarios(`${FIXTURES}/general-sample.calls.yaml`);
    const [stolen, reset] = file.scenarios;
    expect(stolen.steps.slice(0, 4)).toEqual([{ do: 'hear', text: '账号问题请按1' }, { do: 'press', keys: '1' }, { do: 'hear', text: '尾号8 0 0 0' }, { do: 'press', keys: '1' }]);
    expect(stolen.steps).toContainEqual({ do: 'hear', text: '工单号是[\\d ]{15}。安全专员将在15分钟内', regex: true });
    expect(stolen.steps).toContainEqual({ do: 'reach', node: 'emergency_ticket' });
    expect(stolen.ends).toEqual({ kind: 'transfer', queue: 'urgent', priority: 'urgent' });
    expect(reset.steps.filter((s) => s.do === 'enterCode')).toEqual([{ do: 'enterCode', sentTo: '+8613800138000', wrong: false }]);
    // Positions follow the flattened steps: the anchored list's lines, then the steps after it.
    expect(file.positions![0].steps.map((p) => p.line)).toEqual([9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('say: a sentence as the recogniser heard it, or { text, confidence }; a confidence past 1 is refused', () => {
    const script = (steps: unknown[]) => CallScriptFileSchema.safeParse({ calls: [{ name: 'speaks', dial: '400-666-1234', at: '2026-11-23T10:00:00+08:00', steps }] });
    const ok = script([{ say: '我的账号被盗了' }, { say: { text: '嗯电商', confidence: 0.3 } }]);
    expect(ok.success && ok.data.calls[0].steps).toEqual([
      { do: 'say', text: '我的账号被盗了' },
      { do: 'say', text: '嗯电商', confidence: 0.3 },
    ]);
    expect(script([{ say: { text: '嗯电商', confidence: 3 } }]).success).toBe(false);
  });

  it('ivr test <file>: plays them and exits 0', () => {
    const run = ivr('test', `${FIXTURES}/general-sample.calls.yaml`);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('2/2 call scripts passed');
    expect(run.status).toBe(0);
  });

  it('a failed expectation prints the call as heard, then the expectation at its file:line:col; exit 1', () => {
    const run = ivr('test', `${FIXTURES}/wrong-words.calls.yaml`);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('✗ a script that expects words the flow does not say');
    expect(lines).toContain('    ☎️  you pressed 1');
    expect(lines).toContain('    🔊 [zh-CN] 系统检测到您正在使用尾号8 0 0 0的注册手机来电。使用该号码接收验证码请说“是”或按1，使用其他手机号请说“其他号码”或按2。');
    expect(run.stdout).toContain(`  ${FIXTURES}/wrong-words.calls.yaml:7:9: step 2 (hear "欢迎光临"): expected to hear "欢迎光临", heard:`);
  });

  it('a step that does not exist is refused before any call, at its file:line:col', () => {
    const run = ivr('test', `${FIXTURES}/typo.calls.yaml`);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`${FIXTURES}/typo.calls.yaml:7:9 calls[0].steps[1]: unknown key "hera" (did you mean "hear"?): a step is one of: press, say, hear, reach, silence, record, enterCode, enterWrongCode, wait, dialEnds, hangUp`);
  });

  it('ivr test <hotline> that has no call scripts says which file to write', () => {
    const run = ivr('test', 'enterprise', '--flows-dir', 'test/fixtures/flows/good');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('"enterprise" is neither a file nor a hotline (hotlines: demo)');
  });

  it('dialEnds: a transfer to a number answered, busy or unanswered; the fallback counts as covered', () => {
    const [file] = loadScenarios('test/fixtures/flows/dial/tests/desk.calls.yaml');
    expect(file.scenarios.map((c) => c.steps.find((s) => s.do === 'dialEnds'))).toEqual([
      { do: 'dialEnds', result: 'completed' },
      { do: 'dialEnds', result: 'busy' },
      { do: 'dialEnds', result: 'no-answer' },
      undefined,
      undefined,
    ]);
    const run = ivr('test', 'desk', '--flows-dir', 'test/fixtures/flows/dial', '--coverage');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('5/5 call scripts passed');
    expect(run.stdout).toMatch(/desk\.yaml\s+8\/8 100%\s+7\/7 100%/);
    expect(run.status).toBe(0);
  });
});
