import { join } from 'node:path';
import { CALL_SCRIPTS_DIR, loadScenarios, runSuite } from '../../src/coverage';
import { runScenario } from '../../src/coverage/run-scenario';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { flowDiagram } from '../../src/diagrams/diagram';
import type { ScenarioInput } from '../../src/coverage/scenario';
import { ScenarioSchema } from '../../src/coverage/scenario';

const DIR = 'test/fixtures/flows/split';
const project = loadProjectOrThrow(DIR);
const script = (over: Partial<ScenarioInput>) =>
  ScenarioSchema.parse({ name: 'a caller on the experiment line', dial: '400-000-0002', at: '2026-11-23T10:00:00+08:00', steps: [{ do: 'press', keys: '1' }], ...over });

describe('call scripts reach every variant of a split by pinning it', () => {
  it("the fixture's call scripts pass and cover each variant as a transition (100 %)", async () => {
    const { results, coverage } = await runSuite(project, loadScenarios(join(DIR, CALL_SCRIPTS_DIR)));
    expect(results.filter((r) => r.failures.length)).toEqual([]);
    const ab = coverage.flows.find((f) => f.file.endsWith('ab.yaml'))!;
    expect(ab.untakenTransitions).toEqual([]);
    expect(ab.transitions.percent).toBe(100);
    expect(coverage.problems).toEqual([]);
  });

  it('a script that pins only one variant leaves the other as an untaken transition', async () => {
    const short = script({ variants: { greeting_test: 'short' } });
    const { coverage } = await runSuite(project, [{ file: 'inline', scenarios: [short] }]);
    expect(coverage.flows.find((f) => f.file.endsWith('ab.yaml'))!.untakenTransitions).toContain('greeting_test --current--> main_menu');
  });

  it('a script that goes through a split without pinning it fails, saying how to pin it', async () => {
    const result = await runScenario(project, script({ from: '+8613900000001' }));
    expect(result.failures).toEqual([
      expect.stringMatching(/^the call went through split "ab\/greeting_test" \(variant "(short|current)" by the caller's draw, which changes with every version\): pin it, e\.g\. `variants: \{ greeting_test: (short|current) \}`$/),
    ]);
  });

  it('a pin that names no split or no variant is refused before the call, naming what exists', async () => {
    expect((await runScenario(project, script({ variants: { greeting: 'short' } }))).failures).toEqual(['variants: "greeting" is not a split node (split nodes: ab/greeting_test)']);
    expect((await runScenario(project, script({ variants: { greeting_test: 'shorter' } }))).failures).toEqual([
      'variants: split "greeting_test" has no variant "shorter" (its variants: short, current)',
    ]);
  });

  it('the diagram shows the split with its weights and each arrow with its share', () => {
    const d = flowDiagram('ab', project.env.flows, project.centre);
    expect(d.boxes.find((b) => b.id === 'greeting_test')).toMatchObject({ kind: 'question', detail: 'A/B split 30 / 70' });
    expect(d.arrows.filter((a) => a.from === 'greeting_test').map((a) => a.label)).toEqual(['short · 30 %', 'current · 70 %']);
  });
});
