import { runScenario, runSuite } from '../../src/coverage';
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
