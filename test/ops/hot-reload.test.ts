import { EventEmitter } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/flow/load/load-project';
import { watchFlows, type DebounceTimers, type Watch } from '../../src/server/reload/watch-flows';
import { startServed, until, SERVED_ADMIN_TOKEN } from '../helpers/served-process';
import { DEMO_LINE, FIXTURE_FLOWS, OPEN_HOURS } from '../helpers/webhook-app';
import { opsApp, type OpsApp } from './ops-app';

const VOICEMAIL = '请在提示音后留言，按井号键结束。';
const NEW_VOICEMAIL = '请在提示音后说出您的问题，按井号键结束。';
/** The edit a designer makes: new words for the voicemail invitation. */
const REWORD: [string, string, string] = ['prompts/zh-CN.yaml', `voicemail.prompt: ${VOICEMAIL}`, `voicemail.prompt: ${NEW_VOICEMAIL}`];
/** A typo: after choosing English the caller would go nowhere. */
const TYPO: [string, string, string] = ['demo.yaml', 'lang: en-US\n    next: main', 'lang: en-US\n    next: mian'];
const TYPO_ERROR = (dir: string) => new RegExp(`^${dir}/demo\\.yaml:21:11 node "english" \`next\` goes to "mian", which does not exist \\(did you mean "main"\\?\\)$`);
const REFUSED = (n: number) => `flows not reloaded: ${n} problem(s) above; calls keep running on the versions loaded before (fix the files and save again)`;

/** A copy of the fixture flows a test may edit. */
function flowsCopy(): { dir: string; edit(file: string, from: string, to: string): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-flows-'));
  cpSync(FIXTURE_FLOWS, dir, { recursive: true });
  return {
    dir,
    edit(file, from, to) {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
      writeFileSync(path, text.replace(from, to));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe('hot reload with version pinning', () => {
  let flows: ReturnType<typeof flowsCopy>;
  let ops: OpsApp;
  beforeEach(() => {
    flows = flowsCopy();
    ops = opsApp({ at: OPEN_HOURS, project: loadProject(flows.dir).project! });
  });
  afterEach(async () => {
    await ops.close();
    flows.remove();
  });
  const caller = () => ops.caller('+8613800138000', DEMO_LINE);
  const flowsApi = async () => (await ops.admin('/api/flows')).body.flows as Array<{ id: string; version: string; versions: Array<{ version: string; current: boolean; liveCalls: number }> }>;

  it('lets a call in progress finish on the version it started with while the next call gets the edited flow', async () => {
    const before = (await flowsApi()).find((f) => f.id === 'demo')!.version;
    const first = caller();
    await first.ring();

    // The designer rewords the voicemail invitation, mid-way through the first call.
    flows.edit(...REWORD);
    const reloaded = ops.app.reloadFlows('test edit');
    if (!reloaded.ok) throw new Error(JSON.stringify(reloaded.diagnostics));
    const change = reloaded.changed.find((c) => c.id === 'demo')!;
    expect(change).toEqual({ id: 'demo', from: before, to: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const after = change.to;
    expect(after).not.toBe(before);

    await first.press('2');
    expect(first.heard()).toEqual([VOICEMAIL]);

    const second = caller();
    await second.ring();
    await second.press('2');
    expect(second.heard()).toEqual([NEW_VOICEMAIL]);

    const demo = (await flowsApi()).find((f) => f.id === 'demo')!;
    expect(demo.version).toBe(after);
    expect(demo.versions).toEqual([
      { version: before, current: false, liveCalls: 1 },
      { version: after, current: true, liveCalls: 1 },
    ]);
    await first.hangUp();
    await second.hangUp();
    expect((await flowsApi()).find((f) => f.id === 'demo')!.versions.map((v) => v.liveCalls)).toEqual([0, 0]);
    expect((await ops.admin(`/api/calls/${first.sid}`)).body.call.flowVersion).toBe(before);
    expect((await ops.admin(`/api/calls/${second.sid}`)).body.call.flowVersion).toBe(after);
    expect(ops.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('flows reloaded:'))).toMatchObject({ reason: 'test edit', changed: expect.arrayContaining([change]) });
  });

  it('refuses a broken edit with file:line:col errors in the log, and keeps answering on the version before', async () => {
    const before = (await flowsApi()).find((f) => f.id === 'demo')!.version;
    flows.edit(...REWORD);
    flows.edit(...TYPO);
    const refused = ops.app.reloadFlows('test edit');
    expect(refused.ok).toBe(false);

    const errors = ops.logs.filter((l) => l.level === 50).map((l) => l.msg);
    expect(errors).toEqual([
      `${flows.dir}/demo.yaml:19:5 node "english" has no way out: no path from it reaches a transfer, a hangup or a return`,
      `${flows.dir}/demo.yaml:21:11 node "english" \`next\` goes to "mian", which does not exist (did you mean "main"?)`,
      REFUSED(2),
    ]);

    const call = caller();
    await call.ring();
    await call.press('2');
    expect(call.heard()).toEqual([VOICEMAIL]);
    expect((await flowsApi()).find((f) => f.id === 'demo')!.versions).toEqual([{ version: before, current: true, liveCalls: 1 }]);

    // Fixed and saved again: taken, with the new words.
    flows.edit(TYPO[0], TYPO[2], TYPO[1]);
    expect(ops.app.reloadFlows('fixed').ok).toBe(true);
    const next = caller();
    await next.ring();
    await next.press('2');
    expect(next.heard()).toEqual([NEW_VOICEMAIL]);
  });

  it('refuses a reload that changes queues.yaml (read at start) with a log line asking for a restart, and keeps the flows it has', async () => {
    const before = (await flowsApi()).find((f) => f.id === 'demo')!.version;
    flows.edit(...REWORD);
    flows.edit('queues.yaml', 'maxWaitSec: 300', 'maxWaitSec: 240');
    const refused = ops.app.reloadFlows('test edit');
    expect(refused.ok).toBe(false);
    expect(ops.logs.filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      'queues.yaml, ticket-categories.yaml or agents.yaml changed: they are read at start, so restart the server to apply them; flows not reloaded',
    ]);
    expect((await flowsApi()).find((f) => f.id === 'demo')!.versions).toEqual([{ version: before, current: true, liveCalls: 0 }]);
  });
});

describe('what triggers a reload', () => {
  /** A watcher, timers and signals the test fires by hand. */
  function rig() {
    const events: Array<(file: string | undefined) => void> = [];
    let closed = false;
    const watch: Watch = (_dir, onChange) => {
      events.push(onChange);
      return { close: () => void (closed = true) };
    };
    const pending = new Map<number, () => void>();
    let next = 0;
    const timers: DebounceTimers = {
      setTimeout: (run) => (pending.set(++next, run), next),
      clearTimeout: (h) => void pending.delete(h as number),
    };
    const signals = new EventEmitter();
    const reasons: string[] = [];
    const logger = { info: () => undefined, error: () => undefined };
    const watcher = watchFlows({ dir: 'flows', reload: (r) => reasons.push(r), logger, watch, timers, signals: signals as never });
    return {
      reasons,
      signals,
      fileChanged: (file: string | undefined) => events[0](file),
      fireTimers: () => [...pending.entries()].forEach(([h, run]) => (pending.delete(h), run())),
      pendingTimers: () => pending.size,
      isClosed: () => closed,
      watcher,
    };
  }

  it('reloads once after a burst of saves settles, naming the files, and ignores editor swap files', () => {
    const r = rig();
    r.fileChanged('demo.yaml');
    r.fileChanged('.demo.yaml.swp');
    r.fileChanged('prompts/zh-CN.yaml');
    r.fileChanged('demo.yaml');
    expect(r.reasons).toEqual([]);
    expect(r.pendingTimers()).toBe(1);
    r.fireTimers();
    expect(r.reasons).toEqual(['changed: demo.yaml, prompts/zh-CN.yaml']);
    r.fileChanged('notes.txt');
    expect(r.pendingTimers()).toBe(0);
  });

  it('reloads at once on SIGHUP, and stops listening when closed', () => {
    const r = rig();
    r.signals.emit('SIGHUP');
    expect(r.reasons).toEqual(['SIGHUP']);
    r.fileChanged('demo.yaml');
    r.watcher.close();
    expect(r.isClosed()).toBe(true);
    expect(r.pendingTimers()).toBe(0);
    expect(r.signals.listenerCount('SIGHUP')).toBe(0);
  });
});

describe('ivr serve reloads its flows', () => {
  it('when a flow file is saved, and on SIGHUP, refusing a broken edit and serving on', async () => {
    const flows = flowsCopy();
    // Development's auto-publish: a save is published as a release at once (production only reloads the draft).
    const served = await startServed('reload', { FLOWS_DIR: flows.dir, DATABASE_URL: 'memory:', AUTO_PUBLISH: 'on' });
    try {
      const version = async () => {
        const res = await fetch(`${served.baseUrl}/api/flows`, { headers: { Authorization: `Bearer ${SERVED_ADMIN_TOKEN}` } });
        return ((await res.json()) as { flows: Array<{ id: string; version: string }> }).flows.find((f) => f.id === 'demo')!.version;
      };
      const first = await version();
      const reloads = () => served.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('flows '));

      flows.edit(...REWORD);
      await until('the saved prompts to be reloaded', () => reloads().find((l) => l.reason === 'changed: prompts/zh-CN.yaml'));
      const second = await version();
      expect(second).not.toBe(first);

      flows.edit(...TYPO);
      served.kill('SIGHUP');
      await until('SIGHUP to reload and refuse the broken edit', () => reloads().find((l) => l.reason === 'SIGHUP' && l.msg === REFUSED(2)));
      expect(served.logs.some((l) => typeof l.msg === 'string' && TYPO_ERROR(flows.dir).test(l.msg))).toBe(true);
      expect(await version()).toBe(second);
    } finally {
      served.kill('SIGTERM');
      await served.exited;
      flows.remove();
    }
  });
});
