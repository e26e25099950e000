import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../../src/diagnostics';
import { loadProject } from '../../src/flow/load/load-project';

const BAD = 'test/fixtures/flows/bad';
const GOOD = 'test/fixtures/flows/good';

/** Each bad fixture ends with `# expect:` lines: the exact errors, in order, that it must produce. */
describe('a broken flow file gets file:line:col errors and never runs', () => {
  const files = readdirSync(BAD).filter((f) => f.endsWith('.yaml'));

  it('has a fixture for every kind of mistake', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s', (name) => {
    const path = join(BAD, name);
    const expected = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('# expect: '))
      .map((l) => l.slice('# expect: '.length));
    expect(expected.length).toBeGreaterThan(0);
    const { project, diagnostics } = loadProject(GOOD, [path]);
    expect(project).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual(expected);
  });

  it('validates the good fixture project', () => {
    const { project, diagnostics } = loadProject(GOOD);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect([...project!.flows.keys()].sort()).toEqual(['demo', 'demo_closed', 'verify']);
  });
});
