import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { formatDiagnostic, parseSourceFile, readSourceFile } from '../../src/diagnostics';
import { buildParsedSources, NO_PARSED_SOURCES, parsedSourcesFrom } from '../../src/diagnostics/parsed-sources';
import { snapshotSources } from '../../src/diagnostics/snapshot-sources';
import { loadProject } from '../../src/flow/load/load-project';

const GOOD = 'test/fixtures/flows/good';
const BAD = 'test/fixtures/flows/bad';

/** `npm run build` parses the shipped flows once; `ivr serve` then takes their data by each file's exact text. */
describe('YAML parsed at build time', () => {
  const snapshot = parsedSourcesFrom(snapshotSources(['flows', GOOD, BAD]));

  it('gives a file the data, diagnostics and positions it would have parsed to', () => {
    for (const path of [join(GOOD, 'demo.yaml'), join(GOOD, 'hotlines.yaml'), join(GOOD, 'prompts', 'zh-CN.yaml'), 'flows/general.yaml']) {
      const fresh = parseSourceFile(path, readFileSync(path, 'utf8'));
      const built = readSourceFile(path, snapshot);
      expect(snapshot.dataOf(readFileSync(path, 'utf8'))).toBeDefined();
      expect(built.data).toEqual(fresh.data);
      expect(built.diagnostics).toEqual([]);
      expect(built.locate(['start'])).toEqual(fresh.locate(['start']));
      expect(built.locate(['nodes', 'nowhere'], 'key')).toEqual(fresh.locate(['nodes', 'nowhere'], 'key'));
    }
  });

  it('hands every reader a copy of its own, so one that changes the data cannot change the next one’s', () => {
    const path = join(GOOD, 'demo.yaml');
    const first = readSourceFile(path, snapshot).data as Record<string, unknown>;
    first.id = 'changed';
    expect((readSourceFile(path, snapshot).data as Record<string, unknown>).id).toBe('demo');
  });

  it('loads the shipped and the fixture projects the same way, with the same compiled flows', () => {
    for (const dir of ['flows', GOOD]) {
      const fresh = loadProject(dir, [], NO_PARSED_SOURCES);
      const built = loadProject(dir, [], snapshot);
      expect(built.diagnostics).toEqual([]);
      expect([...built.project!.flows.keys()]).toEqual([...fresh.project!.flows.keys()]);
      expect(built.project!.env.flows.get(built.project!.hotlines[0].flow)!.flow).toEqual(fresh.project!.env.flows.get(fresh.project!.hotlines[0].flow)!.flow);
      expect(built.project!.hotlines).toEqual(fresh.project!.hotlines);
    }
  });

  it('still points every complaint about a broken flow at the same line and column', () => {
    for (const name of readdirSync(BAD).filter((f) => f.endsWith('.yaml'))) {
      const path = join(BAD, name);
      const fresh = loadProject(GOOD, [path], NO_PARSED_SOURCES).diagnostics.map(formatDiagnostic);
      expect(fresh.length).toBeGreaterThan(0);
      expect(loadProject(GOOD, [path], snapshot).diagnostics.map(formatDiagnostic)).toEqual(fresh);
    }
  });

  it('keeps no file that has a YAML problem, and parses a file edited since the build as usual', () => {
    expect(snapshot.dataOf(readFileSync(join(BAD, 'bad-indentation.yaml'), 'utf8'))).toBeUndefined();
    expect(snapshot.dataOf(readFileSync(join(BAD, 'duplicate-key.yaml'), 'utf8'))).toBeUndefined();
    expect(snapshot.dataOf(`${readFileSync(join(GOOD, 'demo.yaml'), 'utf8')}\n# edited\n`)).toBeUndefined();
  });

  describe('a snapshot that cannot be used holds nothing, and files are parsed as usual', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ivr-parsed-sources-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const demo = () => readFileSync(join(GOOD, 'demo.yaml'), 'utf8');

    it('none was built (running the sources)', () => {
      expect(buildParsedSources(join(dir, 'parsed-sources.bin')).dataOf(demo())).toBeUndefined();
    });

    it('a damaged file', () => {
      writeFileSync(join(dir, 'parsed-sources.bin'), 'not a snapshot');
      expect(buildParsedSources(join(dir, 'parsed-sources.bin')).dataOf(demo())).toBeUndefined();
    });

    it('one made by another version of the yaml library', () => {
      writeFileSync(join(dir, 'parsed-sources.bin'), serialize({ format: 1, yaml: '0.0.1', entries: {} }));
      expect(buildParsedSources(join(dir, 'parsed-sources.bin')).dataOf(demo())).toBeUndefined();
    });

    it('the one just written is read back', () => {
      writeFileSync(join(dir, 'parsed-sources.bin'), snapshotSources([GOOD]));
      expect(buildParsedSources(join(dir, 'parsed-sources.bin')).dataOf(demo())).toEqual({ data: parseSourceFile('demo.yaml', demo()).data });
    });
  });
});
