import { dialEnds, press, runScenario, runSuite, ScenarioSchema } from '../../src/coverage';
import { callScriptsUnderTest, FLOWS_UNDER_TEST } from '../helpers/flows-under-test';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';

// Every call script of the flows: the same files `npx ivr test --coverage` plays.
const project = loadProjectOrThrow(FLOWS_UNDER_TEST);
const files = callScriptsUnderTest();

describe.each(files.map((f) => [f.file, f.scenarios] as const))('%s', (_file, scenarios) => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const { failures } = await runScenario(project, scenario);
    expect(failures).toEqual([]);
  });
});

describe('flow coverage of the call scripts (CI keeps it at 100 % of nodes)', () => {
  it('reaches every node of every file in flows/, each attributed to its own file', async () => {
    const { coverage } = await runSuite(project, files);
    expect(coverage.problems).toEqual([]);
    const unreached = coverage.flows.filter((f) => f.unreachedNodes.length > 0).map((f) => `${f.file}: ${f.unreachedNodes.join(', ')}`);
    expect(unreached).toEqual([]);
    expect(coverage.flows.map((f) => f.flow).sort()).toEqual([...project.env.flows.keys()].sort());
  });
});

describe('coverage of a transfer to a number (the dial fixture line)', () => {
  const desk = loadProjectOrThrow('test/fixtures/flows/dial');
  const script = (name: string, result: 'completed' | 'busy' | 'no-answer') =>
    ScenarioSchema.parse({ name, dial: '400-000-0001', at: '2026-11-23T21:00:00+08:00', steps: [press('1'), dialEnds(result)] });

  it('counts the fallback as a transition taken only by a dial nobody answered', async () => {
    const answered = await runSuite(desk, [{ file: 'answered', scenarios: [script('the desk answers', 'completed')] }]);
    expect(answered.coverage.problems).toEqual([]);
    const before = answered.coverage.flows.find((f) => f.flow === 'desk')!;
    expect(before.untakenTransitions).toContain('security --not answered--> missed');

    const busy = await runSuite(desk, [{ file: 'busy', scenarios: [script('the desk is busy', 'busy'), script('nobody answers', 'no-answer')] }]);
    expect(busy.results.map((r) => r.failures)).toEqual([[], []]);
    expect(busy.coverage.problems).toEqual([]);
    const after = busy.coverage.flows.find((f) => f.flow === 'desk')!;
    expect(after.untakenTransitions).not.toContain('security --not answered--> missed');
    expect(after.unreachedNodes).toEqual([]);
  });

  it('a script that ends the dial where none rings fails with what the call waits for', async () => {
    const wrong = ScenarioSchema.parse({ name: 'too early', dial: '400-000-0001', at: '2026-11-23T21:00:00+08:00', steps: [dialEnds('busy')] });
    const { failures } = await runScenario(desk, wrong);
    expect(failures).toEqual([expect.stringMatching(/^step 1 \(the number ends the dial: busy\): a dial ended \(busy\), but the call waits for keys/)]);
  });
});
