import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HEAP_MB } from '../../src/cli/heap-limit';
import { DEV_ADMIN_TOKEN } from '../../src/config/config';
import { freePort, startServed, until, type ServedProcess } from '../helpers/served-process';

/** What a newcomer's `npm start` does on a machine with other people on its network. */
describe('npm start on the embedded defaults', () => {
  let dir: string;
  let server: ServedProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-start-'));
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.kill('SIGKILL');
    await server?.exited;
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const defaults = { NODE_ENV: '', DATABASE_URL: '', PUBLIC_BASE_URL: '', TWILIO_AUTH_TOKEN: '', ADMIN_TOKEN: '' };

  it('listens on 127.0.0.1 only and prints the admin token that works, as a curl to paste', async () => {
    server = await startServed('server', { ...defaults, DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}` });
    expect(server.logs.find((l) => l.msg === 'ivr serving')).toMatchObject({ host: '127.0.0.1', port: server.port });
    const banner = server.stderr();
    expect(banner).toContain(`ivr serving on http://127.0.0.1:${server.port} (this machine only`);
    const curl = /curl -H "Authorization: Bearer ([^"]+)" (\S+)/.exec(banner);
    expect(curl?.[1]).toBe(DEV_ADMIN_TOKEN);
    const res = await fetch(curl![2], { headers: { Authorization: `Bearer ${curl![1]}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ calls: [] });
  });

  it('refuses to open up to the network while it would use the public development tokens, in one line', async () => {
    const start = startServed('server', { ...defaults, HOST: '0.0.0.0', DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}` });
    await expect(start).rejects.toThrow(
      /ivr serve: HOST: 0\.0\.0\.0 reaches beyond this machine, where the public development tokens are refused: set TWILIO_AUTH_TOKEN and ADMIN_TOKEN/,
    );
  });

  it('fails /readyz as soon as SIGTERM arrives, still serving during the drain, then exits 0', async () => {
    server = await startServed('server', { DATABASE_URL: 'memory:', SHUTDOWN_DRAIN_MS: '1500' });
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    server.kill('SIGTERM');
    await until('/readyz to fail', async () => (await fetch(`${server!.baseUrl}/readyz`)).status === 503);
    // The listener is still open: the load balancer's in-flight turns and probes still get answers.
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('stops the server when npm start itself gets %s', async (signal) => {
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PORT: String(port), DATABASE_URL: 'memory:', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const npmExited = new Promise((resolve) => npm.once('exit', resolve));
    const health = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
    await until('npm start to serve', health, 30_000);
    npm.kill(signal);
    await npmExited;
    await until('the server to stop answering', async () => !(await health()));
  });

  it('npm start gives the server its heap ceiling (IVR_HEAP_MB, default DEFAULT_HEAP_MB) and says so when it serves', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PORT: String(port), DATABASE_URL: 'memory:', LOG_LEVEL: 'info', IVR_HEAP_MB: '256' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    npm.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const npmExited = new Promise((resolve) => npm.once('exit', resolve));
    await until('npm start to serve', async () => out.includes('"msg":"ivr serving"'), 30_000);
    const serving = JSON.parse(out.split('\n').find((l) => l.includes('"msg":"ivr serving"'))!) as { heapLimitMb: number };
    npm.kill('SIGTERM');
    await npmExited;
    // V8's limit is the old space asked for plus its young generation.
    expect(serving.heapLimitMb).toBeGreaterThanOrEqual(256);
    expect(serving.heapLimitMb).toBeLessThan(256 + 100);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.start).toContain(`--max-old-space-size=\${IVR_HEAP_MB:-${DEFAULT_HEAP_MB}}`);
  });

  it('runs the compiled build once it is as new as the sources, and the sources again after an edit', async () => {
    const newest = (dir: string): number =>
      Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : e.name.endsWith('.ts') ? statSync(join(dir, e.name)).mtimeMs : 0)));
    const fresh = () => {
      try {
        return statSync('dist/BUILD').mtimeMs >= newest('src');
      } catch {
        return false;
      }
    };
    // npm ci built it (prepare); a checkout edited since gets it rebuilt here.
    if (!fresh()) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
    server = await startServed('server', { DATABASE_URL: 'memory:' });
    expect(server.logs.find((l) => l.msg === 'ivr serving')).toMatchObject({ build: 'compiled' });
    server.kill('SIGTERM');
    await server.exited;

    // A source newer than the build: the sources run, never stale code.
    const touched = 'src/cli/commands/serve.ts';
    const { atime, mtime } = statSync(touched);
    utimesSync(touched, atime, new Date(Date.now() + 60_000));
    try {
      server = await startServed('server', { DATABASE_URL: 'memory:' });
      expect(server.logs.find((l) => l.msg === 'ivr serving')).toMatchObject({ build: 'sources' });
    } finally {
      utimesSync(touched, atime, mtime);
    }
  }, 60_000);
});
