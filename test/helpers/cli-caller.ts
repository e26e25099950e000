import { spawn } from 'node:child_process';
import { until } from './served-process';

/** The prompts `ivr call --via` asks at (http-caller.ts): after one, a typed line is read. */
const PROMPT = /for silence\)?> /g;

export type CliCaller = {
  /** Everything the command printed so far. */
  out(): string;
  /** Waits (bounded) until the command asks for the next entry, then types `line` and Enter. */
  type(line: string): Promise<void>;
  /** Waits (bounded) until the output matches. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Closes the input (the caller hangs up) and resolves with the exit code. */
  hangUp(): Promise<number | null>;
  exited: Promise<number | null>;
};

/**
 * `node src/cli/bin.js call …` in its own process, typed at through a pipe as a person types at the
 * terminal: each line only once the command asks for it (a line typed before the question is lost,
 * as readline drops it).
 */
export function startCliCaller(args: string[], env: Record<string, string>): CliCaller {
  const child = spawn(process.execPath, ['src/cli/bin.js', 'call', ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let typed = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const waitFor = (pattern: RegExp) =>
    until(`ivr call to print ${pattern}`, () => {
      const m = out.match(pattern);
      if (!m && gone) throw new Error(`ivr call exited without printing ${pattern}:\n${out}\n${err}`);
      return m;
    });
  return {
    out: () => out,
    async type(line) {
      await until(`ivr call to ask for entry ${typed + 1}`, () => {
        if (gone) throw new Error(`ivr call exited before asking for "${line}":\n${out}\n${err}`);
        return (out.match(PROMPT) ?? []).length > typed;
      });
      typed++;
      child.stdin.write(`${line}\n`);
    },
    waitFor,
    async hangUp() {
      child.stdin.end();
      return exited;
    },
    exited,
  };
}
