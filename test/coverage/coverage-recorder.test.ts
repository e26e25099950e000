import { appendedVisits, buildFlowGraph, coverageReport, createCoverageRecorder, type CoverageRecorder } from '../../src/coverage';
import { loadProjectOrThrow, simulateCall, type SimulatedCall } from '../../src/sim/simulate-call';

const MORNING = '2026-11-23T10:00:00+08:00';

async function recordedCall(recorder: CoverageRecorder, dial: string, script: (call: SimulatedCall) => Promise<unknown>, flowsDir = 'flows') {
  const tracker = recorder.track();
  const call = await simulateCall({ dial, at: MORNING, flowsDir, onLine: tracker.onLine });
  tracker.attach(call);
  await script(call);
  tracker.finish();
  return call;
}

const shipped = () => createCoverageRecorder(buildFlowGraph(loadProjectOrThrow('flows').env.flows));

describe('the coverage recorder', () => {
  it('counts the commerce line\'s subflow node "menu" and the menu it calls, though the path shows one "menu"', async () => {
    const recorder = shipped();
    const call = await recordedCall(recorder, '400-101-5454', (c) => c.press('2 1'));
    expect(call.path).toEqual(['welcome', 'menu', 'onboarding_sms', 'followup', 'bye']);
    expect([...recorder.reachedNodes('commerce')]).toEqual(['welcome', 'menu']);
    expect([...recorder.reachedNodes('commerce_menu')]).toEqual(['menu', 'onboarding_sms', 'followup', 'bye']);
    expect(recorder.problems).toEqual([]);
  });

  it('press 0 during the identity check: identity_check/agent is reached, general/agent is not', async () => {
    const recorder = shipped();
    await recordedCall(recorder, '400-0066-888', (c) => c.press('1 1 0'));
    expect(recorder.reachedNodes('identity_check').has('agent')).toBe(true);
    expect(recorder.reachedNodes('general').has('agent')).toBe(false);
    expect([...recorder.takenImplicit('identity_check')]).toEqual(['verify --key 0--> agent']);
  });

  it('a failed check leaves identity_check by its "failed" return and general by account_identity\'s "failed" exit', async () => {
    const recorder = shipped();
    await recordedCall(recorder, '400-0066-888', async (c) => {
      await c.press('1 1');
      for (let i = 0; i < 3; i++) await c.silence();
    });
    expect(recorder.reachedNodes('general').has('account_agent')).toBe(true);
    expect(recorder.reachedNodes('identity_check').has('agent')).toBe(false);
    expect([...recorder.takenExits('identity_check')]).toEqual(['verify --failed--> failed']);
    expect(recorder.takenExits('general').has('account_identity --failed--> account_agent')).toBe(true);
  });

  it('key 3, the person key and three wrong keys all reach commerce_menu/agent: only key 3 counts as the menu\'s transition', async () => {
    const recorder = shipped();
    await recordedCall(recorder, '400-101-5454', (c) => c.press('0'));
    await recordedCall(recorder, '400-101-5454', (c) => c.press('7 8 9'));
    expect(recorder.takenExits('commerce_menu').has('menu --3--> agent')).toBe(false);
    expect([...recorder.takenImplicit('commerce_menu')].sort()).toEqual(['menu --key 0--> agent', 'menu --×3 failed--> agent']);
    await recordedCall(recorder, '400-101-5454', (c) => c.press('3'));
    expect(recorder.takenExits('commerce_menu').has('menu --3--> agent')).toBe(true);
  });

  it('follows a call for 30 loops, past the 40 ids the path keeps, through a subflow whose ids collide with its caller\'s', async () => {
    const dir = 'test/coverage/fixtures/loop';
    const recorder = createCoverageRecorder(buildFlowGraph(loadProjectOrThrow(dir).env.flows));
    const call = await recordedCall(recorder, '400-000-0001', async (c) => {
      for (let i = 0; i < 30; i++) await c.press('1');
      await c.press('2 2 1 0');
    }, dir);
    expect(call.path).toHaveLength(40);
    expect(recorder.problems).toEqual([]);
    const report = coverageReport(recorder);
    expect(report.flows.map((f) => [f.flow, f.nodes.percent, f.transitions.percent])).toEqual([
      ['inner', 100, 100],
      ['loop', 100, 100],
    ]);
    expect([...recorder.takenExits('loop')].sort()).toEqual(['again --next--> menu', 'inner --returned--> menu', 'menu --1--> again', 'menu --2--> inner']);
  });

  it('reads what a turn added to a full path: the fewest dropped ids first', () => {
    const full = Array.from({ length: 40 }, (_, i) => `n${i}`);
    expect(appendedVisits(['a', 'b'], ['a', 'b', 'c'])[0]).toEqual(['c']);
    expect(appendedVisits(full, [...full.slice(2), 'x', 'y'])[0]).toEqual(['x', 'y']);
    expect(appendedVisits(['a', 'b'], ['a', 'b'])[0]).toEqual([]);
  });
});
