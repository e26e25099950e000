import { spawn } from 'node:child_process';

/**
 * A person at a terminal: `ivr call` reads their keys from standard input (the same stream a
 * pseudo-terminal gives it) and prints each SMS the moment it is sent, so the code can be read off
 * the screen and typed in.
 */
function terminalCall(...args: string[]) {
  const child = spawn(process.execPath, ['src/cli/bin.js', 'call', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let waiters: Array<{ pattern: RegExp; from: number; resolve: (m: RegExpExecArray) => void }> = [];
  const check = () => {
    waiters = waiters.filter((w) => {
      const m = w.pattern.exec(screen.slice(w.from));
      if (m) w.resolve(m);
      return !m;
    });
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let read = 0;
  return {
    /** Waits until the screen shows `pattern` after what was already read. */
    async see(pattern: RegExp): Promise<RegExpExecArray> {
      const m = await new Promise<RegExpExecArray>((resolve) => {
        waiters.push({ pattern, from: read, resolve });
        check();
      });
      read += m.index + m[0].length;
      return m;
    },
    type(line: string) {
      child.stdin.write(`${line}\n`);
    },
    /** Ctrl-D: the input ends. */
    end() {
      child.stdin.end();
    },
    screen: () => screen,
    exited,
  };
}

describe('an interactive ivr call', () => {
  it('shows the SMS code before the prompt that asks for it, so the identity-checked ticket path can be reached by typing it', async () => {
    const call = terminalCall('400-0066-888', '--at', '2026-11-23T10:00:00+08:00');
    await call.see(/账号问题请按1[^\n]*\n[\s\S]*keys or "words"> $/);
    call.type('1');
    await call.see(/使用该号码接收验证码请说“是”或按1[\s\S]*keys or "words"> $/);
    call.type('1');
    const [, code] = await call.see(/✉️ {2}SMS to 138\*\*\*\*8000: 【客服热线】您的验证码是(\d{6})/);
    await call.see(/请说出或输入短信中的6位验证码。[\s\S]*keys or "words"> $/);
    call.type(code);
    await call.see(/身份验证成功[\s\S]*账号被盗或资金异常请按2[\s\S]*keys or "words"> $/);
    call.type('2');
    await call.see(/已为您登记紧急工单，工单号是[\d ]{15}。安全专员将在15分钟内给您回电。[\s\S]*keys or "words"> $/);
    call.type('h');
    expect(await call.exited).toBe(0);
    // The code line came before the prompt asking for it, and the run ends with the path.
    const screen = call.screen();
    expect(screen.indexOf('您的验证码是')).toBeLessThan(screen.indexOf('请说出或输入短信中的6位验证码'));
    expect(screen.trimEnd().split('\n').at(-1)).toMatch(/^path: welcome → .*verify → verified → account_help → route → menu → emergency → emergency_ticket → emergency_menu$/);
    // The emergency's call back, on the virtual clock: placed two minutes later, answered, put through to the urgent queue.
    expect(screen).toMatch(/📲 2026-11-23T02:0\d:\d\d\.\d{3}Z call back placed to 138\*\*\*\*8000 from \+864000066888 \(ticket \d{8}\); you answer\n🔊 \[zh-CN\] 您好，这里是综合服务客服，就您的工单 [\d ]{15}（账号安全紧急）给您回电，正在为您接通客服人员，请稍候。\n✅ put through to queue urgent\n/);
  });

  it('takes the end of its input as the caller hanging up, and still ends with the path', async () => {
    const call = terminalCall('400-0066-888', '--at', '2026-11-23T10:00:00+08:00');
    await call.see(/账号问题请按1[\s\S]*keys or "words"> $/);
    call.type('1');
    await call.see(/使用该号码接收验证码请说“是”或按1[\s\S]*keys or "words"> $/);
    call.end();
    expect(await call.exited).toBe(0);
    expect(call.screen().trimEnd().split('\n').slice(-2)).toEqual(['✅ hung up', 'path: welcome → peak_check → main_menu → account_identity → verify']);
  });
});
