import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('root causes first: a flow file that does not load is not also reported where it is named', () => {
  it('a subflow and an after-hours flow that do not parse: only their own errors, none from demo.yaml or hotlines.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'root-cause-'));
    try {
      cpSync(GOOD, dir, { recursive: true });
      writeFileSync(join(dir, 'verify.yaml'), readFileSync(join(dir, 'verify.yaml'), 'utf8').replace('nodes:', 'nodes:\n  broken: ['));
      writeFileSync(join(dir, 'demo_closed.yaml'), readFileSync(join(dir, 'demo_closed.yaml'), 'utf8').replace(/type: (\w+)/, 'type: $1x'));
      const lines = loadProject(dir).diagnostics.map(formatDiagnostic).map((l) => l.slice(dir.length + 1));
      expect(lines).toEqual([expect.stringMatching(/^demo_closed\.yaml:\d+:\d+ .*unknown node type/), expect.stringMatching(/^verify\.yaml:\d+:\d+ missing closing \]/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
