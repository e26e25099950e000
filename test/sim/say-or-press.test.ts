import { spawn, spawnSync } from 'node:child_process';
import { parseCallerScript, parseTypedLine } from '../../src/sim/caller-script';
import { simulateCall } from '../../src/sim/simulate-call';
import { transcriptText } from '../../src/sim/transcript-text';

/** The 直播服务 line with speech on (its night menu takes keys only). */
const SPEECH = 'test/fixtures/flows/speech';
const DAY = '2026-11-23T10:00:00+08:00';
const NIGHT = '2026-11-23T23:30:00+08:00';
const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', 'call', '400-666-1234', '--flows-dir', SPEECH, ...args], { encoding: 'utf8' });

describe('a simulated caller who says or presses', () => {
  it('says 收益, then the bound phone number at the sensitive entry: the transcript shows the words, then ****** for the number', async () => {
    const call = await simulateCall({ dial: '400-666-1234', at: DAY, flowsDir: SPEECH });
    await call.say('收益');
    expect(call.understood).toEqual({ kind: 'choice', choice: '2', distressed: false });
    await call.say('一三八零零一三八零零零');
    expect(call.vars.phone).toBe('13800138000');
    const lines = call.transcript.map(transcriptText);
    expect(lines).toContain('☎️  caller said "收益"');
    expect(lines).toContain('👂 understood: option 2');
    expect(lines).toContain('☎️  caller said ******');
    expect(lines).toContain('👂 understood: a number');
    expect(lines.join('\n')).not.toMatch(/一三八|13800138000/);
  });

  it('a mumble heard at 30 % is asked back, and the confidence is shown', async () => {
    const call = await simulateCall({ dial: '400-666-1234', at: DAY, flowsDir: SPEECH });
    await call.say('嗯其他问题', { confidence: 0.3 });
    expect(call.lastHeard()).toContain('您要办理的是其他问题吗');
    expect(call.transcript.map(transcriptText)).toContain('☎️  caller said "嗯其他问题" (confidence 0.3)');
  });

  it('an empty result is silence, as the webhook takes it; 3,000 characters are cut to what the webhook reads', async () => {
    const call = await simulateCall({ dial: '400-666-1234', at: DAY, flowsDir: SPEECH });
    await call.say('   ');
    expect(call.transcript.filter((l) => l.who === 'caller').map((l) => l.who === 'caller' && l.input.type)).toEqual(['noInput']);
    await call.say('啊'.repeat(3000));
    const spoken = call.transcript.flatMap((l) => (l.who === 'caller' && l.input.type === 'speech' ? [l.input.text] : []));
    expect(spoken[0]).toHaveLength(2000);
  });

  it('words at the keys-only night menu are refused, as a real phone would not be listened to', async () => {
    const call = await simulateCall({ dial: '400-666-1234', at: NIGHT, flowsDir: SPEECH });
    await expect(call.say('留言')).rejects.toThrow('said "留言" but the call waits for keys only (this menu or entry does not listen to speech)');
  });
});

describe('ivr call --input with speech', () => {
  it("reads say:<word>, say:\"several words\" and say@0.3:\"…\" beside keys and _", () => {
    expect(parseCallerScript('1 say:人工 _ say:"one three eight" say@0.3:"嗯 电商" say@1:是 13800138000#')).toEqual([
      { kind: 'keys', keys: '1' },
      { kind: 'say', text: '人工' },
      { kind: 'silence' },
      { kind: 'say', text: 'one three eight' },
      { kind: 'say', text: '嗯 电商', confidence: 0.3 },
      { kind: 'say', text: '是', confidence: 1 },
      { kind: 'keys', keys: '13800138000#' },
    ]);
    expect(parseCallerScript('say:“我的 账号”')).toEqual([{ kind: 'say', text: '我的 账号' }]);
    expect(() => parseCallerScript('say:"never closed')).toThrow('the quote is never closed');
    expect(() => parseCallerScript('say@high:x')).toThrow('the confidence "high" must be a number from 0 to 1');
  });

  it('typed at the prompt: a line in double quotes is speech (with @confidence), anything else keys as before', () => {
    expect(parseTypedLine('"我的账号被盗了"')).toEqual([{ kind: 'say', text: '我的账号被盗了' }]);
    expect(parseTypedLine('"嗯电商" @0.3')).toEqual([{ kind: 'say', text: '嗯电商', confidence: 0.3 }]);
    expect(parseTypedLine('138 0013 8000#')).toEqual([{ kind: 'keys', keys: '138 0013 8000#' }]);
    expect(parseTypedLine('')).toEqual([{ kind: 'silence' }]);
  });

  it('says 收益 and the phone number: the transcript has caller said "收益", the number masked, the ticket and the path', () => {
    const run = ivr('--at', DAY, '--input', 'say:收益 say:"一三八 零零一三 八零零零"');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('☎️  caller said "收益"\n👂 understood: option 2\n');
    expect(run.stdout).toContain('☎️  caller said ******\n');
    expect(run.stdout).not.toContain('一三八');
    expect(run.stdout).toContain('path: welcome → menu → earnings → earnings_ticket → bye');
  });

  it('says words at the keys-only night menu: exits 1 saying the menu does not listen', () => {
    const run = ivr('--at', NIGHT, '--input', 'say:留言');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('said "留言" but the call waits for keys only');
  });

  it('a script typo fails before the call is placed, naming the syntax', () => {
    const run = ivr('--at', DAY, '--input', 'say@2:x');
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--input: "say@2:": the confidence "2" must be a number from 0 to 1');
  });

  it('--help documents the speech syntax', () => {
    const run = spawnSync(process.execPath, ['src/cli/bin.js', 'call', '--help'], { encoding: 'utf8' });
    expect(run.stdout).toContain('say@0.3:"…"');
    expect(run.stdout).toContain('a line starting with a double quote is speech');
  });
});

/** `ivr call` at a terminal: what it printed so far, and a wait for the screen to show a pattern. */
function terminal(at: string) {
  const child = spawn(process.execPath, ['src/cli/bin.js', 'call', '400-666-1234', '--flows-dir', SPEECH, '--at', at], { stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  child.stdout.setEncoding('utf8');
  const see = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!pattern.test(screen)) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    });
  child.stdout.on('data', (c: string) => (screen += c));
  return {
    see,
    type: (line: string) => child.stdin.write(`${line}\n`),
    screen: () => screen,
    exited: new Promise<number | null>((resolve) => child.on('close', resolve)),
  };
}

describe('an interactive ivr call with speech', () => {
  it('takes a line in double quotes as words, refuses words at the keys-only night menu and asks again', async () => {
    const call = terminal(NIGHT);
    await call.see(/keys> $/);
    call.type('"我要留言"');
    await call.see(/does not listen to speech\)\nkeys> $/);
    call.type('0');
    expect(await call.exited).toBe(0);
    expect(call.screen()).toContain('✅ transferred to queue general');
  });

  it('shows the listening prompt where the menu listens and says the words', async () => {
    const call = terminal(DAY);
    await call.see(/keys or "words"> $/);
    call.type('"我的账号被盗了"');
    expect(await call.exited).toBe(0);
    expect(call.screen()).toContain('☎️  caller said "我的账号被盗了"\n👂 understood: emergency');
    expect(call.screen()).toContain('✅ transferred to queue urgent (priority urgent)');
  });
});
