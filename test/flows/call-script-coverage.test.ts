import { filesBelow, runSuite } from '../../src/coverage';
import { callScriptsUnderTest, FLOWS_UNDER_TEST } from '../helpers/flows-under-test';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';

// Node coverage (test/coverage/flow-coverage.test.ts) proves every node is reached. These prove
// every key is: each menu option and outcome, and the person key wherever the engine adds it; and,
// where a flow listens, every option said and the global intents said (docs/testing-flows.md).
const project = loadProjectOrThrow(FLOWS_UNDER_TEST);
const suite = runSuite(project, callScriptsUnderTest());

describe('the call scripts of the flows (flows/tests)', () => {
  it('take every declared transition of every shipped flow: each menu key, each outcome', async () => {
    const { coverage } = await suite;
    expect(coverage.flows.flatMap((f) => f.untakenTransitions.map((t) => `${f.file}: ${t}`))).toEqual([]);
    expect(coverage.transitions.percent).toBe(100);
  });

  it('press the person key at every menu, gather and identity question of every shipped flow', async () => {
    // The same count `ivr test --coverage` reports and fails under --min.
    const { coverage } = await suite;
    expect(coverage.flows.flatMap((f) => f.untakenPersonKeys.map((edge) => `${f.file}: ${edge}`))).toEqual([]);
    expect(coverage.personKeys.percent).toBe(100);
    expect(filesBelow(coverage, 100)).toEqual([]);
  });

  it('say every option of every menu that listens, and ask for a person and an emergency by voice in every flow that listens', async () => {
    // Nothing to say in a flow that takes keys only (0/0). The same count `ivr test --coverage` reports as `said`.
    const { coverage } = await suite;
    expect(coverage.flows.flatMap((f) => f.untakenSaid.map((edge) => `${f.file}: ${edge}`))).toEqual([]);
    expect(coverage.said.percent).toBe(100);
  });

  it('place calls in and out of hours on every line, in every language it offers', async () => {
    const { results } = await suite;
    const byLine = new Map<string, Set<string>>();
    for (const { call } of results) {
      if (!call?.hotline || !call.snapshot) continue;
      const seen = byLine.get(call.hotline) ?? new Set<string>();
      seen.add(`${call.afterHours ? 'closed' : 'open'} ${call.snapshot.context.lang}`);
      byLine.set(call.hotline, seen);
    }
    for (const h of project.hotlines) {
      const expected = h.hours === '24h' ? h.languages.map((l) => `open ${l}`) : h.languages.flatMap((l) => [`open ${l}`, `closed ${l}`]);
      expect({ line: h.id, calls: [...(byLine.get(h.id) ?? [])].sort() }).toEqual({ line: h.id, calls: expect.arrayContaining(expected) });
    }
  });
});
