import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { httpExchange } from './http-exchange';
import type { RunningServer } from './server-child';

/**
 * The baseline: Twilio's tutorial IVR (TwilioDevEd/ivr-phone-tree-node: Express 4, morgan, the
 * twilio SDK's TwiML), benchmarked beside the engine when a copy of it is at hand. Its code is
 * never part of this repository: the bench copies it into a temporary folder, installs its
 * production dependencies there with an npm cache of that run's own, and removes the folder after.
 */

const run = promisify(execFile);

export type PreparedTutorial = { appDir: string; remove(): void };

const why = (err: unknown) => (err as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' / ') || (err as Error).message;

/**
 * Copies the app from `source` (a checkout, or a git directory such as a mirror, whose HEAD is
 * archived) into a fresh temporary folder and runs `npm install --omit=dev` there.
 */
export async function prepareTutorial(source: string, log: (line: string) => void): Promise<PreparedTutorial> {
  const where = `--tutorial ${source}`;
  if (!existsSync(source)) throw new Error(`ivr bench: ${where}: no such folder; give a checkout of TwilioDevEd/ivr-phone-tree-node or its git directory`);
  const temp = mkdtempSync(join(tmpdir(), 'ivr-bench-tutorial-'));
  const remove = () => rmSync(temp, { recursive: true, force: true });
  const appDir = join(temp, 'app');
  try {
    if (existsSync(join(source, 'package.json'))) {
      cpSync(source, appDir, { recursive: true, filter: (path) => !['node_modules', '.git'].includes(basename(path)) });
    } else {
      // Only the folder's own repository: a subfolder of some other checkout is not the app.
      const gitDir = existsSync(join(source, '.git')) || (existsSync(join(source, 'HEAD')) && existsSync(join(source, 'objects')));
      if (!gitDir) throw new Error(`ivr bench: ${where}: neither a package.json nor a git directory there; give a checkout of TwilioDevEd/ivr-phone-tree-node or its git directory`);
      const tar = join(temp, 'app.tar');
      try {
        await run('git', ['-C', source, 'archive', '--format=tar', '-o', tar, 'HEAD']);
      } catch (err) {
        throw new Error(`ivr bench: ${where}: no package.json there, and git could not archive its HEAD (${why(err)}); give a checkout of TwilioDevEd/ivr-phone-tree-node or its git directory`);
      }
      mkdirSync(appDir);
      await run('tar', ['-xf', tar, '-C', appDir]);
    }
    if (!existsSync(join(appDir, 'index.js'))) throw new Error(`ivr bench: ${where}: the app has no index.js; is this TwilioDevEd/ivr-phone-tree-node?`);
    log(`tutorial: npm install --omit=dev in ${appDir}`);
    try {
      await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--cache', join(temp, 'npm-cache')], { cwd: appDir, timeout: 300_000, maxBuffer: 16 * 2 ** 20 });
    } catch (err) {
      throw new Error(`ivr bench: ${where}: npm install failed in ${appDir}: ${why(err)}`);
    }
    return { appDir, remove };
  } catch (err) {
    remove();
    throw err;
  }
}

/**
 * Starts the prepared app as its README says (`node index.js`, NODE_ENV=production, PORT set) and
 * waits until its welcome answers. Its request log (morgan, one line per request to stdout) goes to
 * /dev/null, as the engine's does in the bench. Start-up runs from the spawn to the first answer,
 * polled every 20 ms.
 */
export async function startTutorial(appDir: string): Promise<RunningServer> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['index.js'], { cwd: appDir, env: { ...process.env, NODE_ENV: 'production', PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    if (stderr.length < 4096) stderr += c.toString('utf8');
  });
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const deadline = spawnedAt + 15_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the tutorial app exited with ${exited} before answering: ${stderr.trim().slice(-500)}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the tutorial app did not answer POST /ivr/welcome on port ${port} within 15 s: ${stderr.trim().slice(-500)}`);
    }
    const res = await httpExchange({ host: '127.0.0.1', port, method: 'POST', path: '/ivr/welcome', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 0 } }, '').catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    port,
    pid: child.pid!,
    startupMs: performance.now() - spawnedAt,
    async close() {
      if (exited === undefined) child.kill('SIGTERM');
      await exit;
    },
  };
}
