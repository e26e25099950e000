import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/flow/load/load-project';
import { startCall, step } from '../../src/flow/runtime/runtime';
import type { CallInfo } from '../../src/flow/runtime/turn';

const call: CallInfo = { sid: 'CA1', from: '+449090123456', to: '+864000000000', country: 'GB', hotline: 'demo', timezone: 'Asia/Shanghai' };
const at = Date.parse('2026-11-23T21:00:00+08:00');

/** The good demo project with its menu's key 3 sending the reset link, the sms node given `extra` lines. */
function demoWithSms(extra: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-sms-node-'));
  cpSync('test/fixtures/flows/good', dir, { recursive: true });
  const file = join(dir, 'demo.yaml');
  const yaml = readFileSync(file, 'utf8')
    .replace("      '9': english", "      '9': english\n      '3': reset")
    .replace('    text: sms.reset\n    next: bye', `    text: sms.reset\n    next: bye${extra}`);
  writeFileSync(file, yaml);
  const { project, diagnostics } = loadProject(dir);
  rmSync(dir, { recursive: true, force: true });
  if (!project) throw new Error(JSON.stringify(diagnostics));
  return project.flows.get('demo')!;
}

/** Keys 3, then the SMS effect comes back refused by the SMS guard. */
function refusedSms(flow: ReturnType<typeof demoWithSms>) {
  const start = startCall(flow, call, 'zh-CN', at);
  const sending = step(flow, start.snapshot, { type: 'digits', digits: '3', now: at });
  expect(sending.effects).toEqual([expect.objectContaining({ kind: 'sendSms', args: expect.objectContaining({ kind: 'reset_link', to: 'account' }) })]);
  return step(flow, sending.snapshot, {
    type: 'effect',
    result: { id: sending.effects[0].id, kind: 'sendSms', ok: false, error: 'no SMS to +44 …: a premium-rate number', code: 'SMS_REFUSED', reason: 'number_type_not_allowed' },
    now: at,
  });
}

describe('a flow sms node whose SMS is refused', () => {
  it('says so and goes to its onError node, e.g. a person', () => {
    const turn = refusedSms(demoWithSms('\n    onError: agent'));
    expect(turn.prompts).toContainEqual({ lang: 'zh-CN', text: '抱歉，短信发送失败。' });
    expect(turn.end).toMatchObject({ kind: 'transfer', queue: 'general' });
    expect(turn.snapshot.context.path.at(-1)).toBe('agent');
  });

  it('without onError says so and goes on to next, as before', () => {
    const turn = refusedSms(demoWithSms(''));
    expect(turn.prompts).toContainEqual({ lang: 'zh-CN', text: '抱歉，短信发送失败。' });
    expect(turn.end).toMatchObject({ kind: 'hangup' });
    expect(turn.snapshot.context.path.at(-1)).toBe('bye');
  });
});
