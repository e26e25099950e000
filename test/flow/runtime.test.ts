import { loadProject } from '../../src/flow/load/load-project';
import { startCall, step, CallStuckError } from '../../src/flow/runtime/runtime';
import type { CallInfo } from '../../src/flow/runtime/turn';
import { unknownImplementations } from '../../src/flow/compile/compile-flow';

const project = loadProject('test/fixtures/flows/good').project!;
const demo = project.flows.get('demo')!;
const call: CallInfo = { sid: 'CA1', from: '+8613800138000', to: '+864000000000', country: 'CN', hotline: 'demo', timezone: 'Asia/Shanghai' };
const at = Date.parse('2026-11-23T21:00:00+08:00');

describe('the pure runtime', () => {
  it('starts a call with the prompts to play and the keys to wait for, and no effects', () => {
    const turn = startCall(demo, call, 'zh-CN', at);
    expect(turn.prompts.map((p) => ('text' in p ? p.text : ''))).toEqual(['欢迎致电演示热线。', '查询请按1，留言请按2，英文服务请按9。']);
    expect(turn.await).toEqual({ kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: 5, sensitive: false });
    expect(turn.effects).toEqual([]);
    expect(turn.snapshot).toMatchObject({ flowId: 'demo', version: demo.version, status: 'active' });
  });

  it('gives the same turn for the same snapshot and input, so a retried webhook can be replayed', () => {
    const start = startCall(demo, call, 'zh-CN', at);
    const input = { type: 'digits' as const, digits: '1', now: at + 3000 };
    expect(step(demo, start.snapshot, input)).toEqual(step(demo, start.snapshot, input));
  });

  it('persists plain JSON that survives a round trip through a store', () => {
    const start = startCall(demo, call, 'zh-CN', at);
    const restored = JSON.parse(JSON.stringify(start.snapshot));
    const turn = step(demo, restored, { type: 'digits', digits: '2', now: at });
    expect(turn.await).toEqual({ kind: 'recording', maxLengthSec: 120, finishOnKey: '#' });
    expect(JSON.stringify(turn.snapshot).length).toBeLessThan(1024);
  });

  it('describes effects for the driver and continues from their results', () => {
    const start = startCall(demo, call, 'zh-CN', at);
    const turn = step(demo, start.snapshot, { type: 'digits', digits: '1', now: at });
    expect(turn.effects).toEqual([
      expect.objectContaining({ id: '1.0', kind: 'lookupAccount', key: 'CA1/1.0', args: { by: 'callerId' } }),
    ]);
    expect(turn.await).toBeUndefined();
    const next = step(demo, turn.snapshot, {
      type: 'effect',
      result: { id: '1.0', kind: 'lookupAccount', ok: true, value: { found: false } },
      now: at,
    });
    expect(next.prompts).toEqual([{ lang: 'zh-CN', text: '请输入注册手机号，以井号键结束。' }]);
    expect(next.await).toMatchObject({ minDigits: 11, maxDigits: 11, finishOnKey: '#', sensitive: true });
  });

  it('refuses a snapshot made by another flow version', () => {
    const start = startCall(demo, call, 'zh-CN', at);
    const stale = { ...start.snapshot, version: '000000000000' };
    expect(() => step(demo, stale, { type: 'noInput', now: at })).toThrow(/snapshot of demo@000000000000/);
  });

  it('reports an input the flow cannot answer as a stuck call, not silence', () => {
    const start = startCall(demo, call, 'zh-CN', at);
    const waitingForEffect = step(demo, start.snapshot, { type: 'digits', digits: '1', now: at });
    expect(() => step(demo, waitingForEffect.snapshot, { type: 'digits', digits: '5', now: at })).toThrow(CallStuckError);
  });

  it('ends the call when the caller hangs up, remembering where', () => {
    const start = startCall(demo, call, 'zh-CN', at);
    const turn = step(demo, start.snapshot, { type: 'hangup', now: at });
    expect(turn.snapshot.status).toBe('done');
    expect(turn.snapshot.context).toMatchObject({ node: 'main', outcome: 'hungUp' });
  });

  it('refuses a compiled flow naming an action or guard the runtime does not implement', () => {
    expect(
      unknownImplementations({
        // The types refuse these names already; the check is for what the compiler could still get wrong.
        // @ts-expect-error -- an action and a guard the runtime does not have
        a: { entry: [{ type: 'say' }, { type: 'sayy' }], on: { DIGITS: [{ guard: { type: 'nope' }, target: '#b' }] } },
      }),
    ).toEqual(['action sayy', 'guard nope']);
  });
});
