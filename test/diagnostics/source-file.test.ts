import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic, parseSourceFile, readSourceFile } from '../../src/diagnostics';

/** Builds file text from lines so line numbers in expectations are easy to count. */
const lines = (...ls: string[]) => ls.join('\n') + '\n';

describe('parseSourceFile: valid input', () => {
  it('returns the data and no diagnostics', () => {
    const src = parseSourceFile('flows/ok.yaml', lines('name: general', 'nodes:', '  - id: a', '    type: say'));
    expect(src.file).toBe('flows/ok.yaml');
    expect(src.diagnostics).toEqual([]);
    expect(src.data).toEqual({ name: 'general', nodes: [{ id: 'a', type: 'say' }] });
  });

  it('accepts JSON through the same path', () => {
    const src = parseSourceFile('flows/ok.json', '{\n\t"name": "general",\n\t"nodes": [1, 2]\n}\n');
    expect(src.diagnostics).toEqual([]);
    expect(src.data).toEqual({ name: 'general', nodes: [1, 2] });
  });

  it('an empty or comment-only file is null data, not an error', () => {
    expect(parseSourceFile('f.yaml', '')).toMatchObject({ data: null, diagnostics: [] });
    expect(parseSourceFile('f.yaml', '# nothing yet\n')).toMatchObject({ data: null, diagnostics: [] });
    expect(parseSourceFile('f.yaml', '').locate(['nodes'])).toEqual({ line: 1, col: 1 });
  });

  it('ignores a byte-order mark', () => {
    const src = parseSourceFile('f.yaml', '\ufeffname: x\n');
    expect(src.data).toEqual({ name: 'x' });
    expect(src.locate(['name'])).toEqual({ line: 1, col: 7 });
  });
});

describe('readSourceFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagnostics-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file and names it relative to the working directory', () => {
    fs.mkdirSync(path.join(dir, 'flows'));
    fs.writeFileSync(path.join(dir, 'flows', 'general.yaml'), 'a: 1\na: 2\n');
    jest.spyOn(process, 'cwd').mockReturnValue(dir);
    const src = readSourceFile(path.join(dir, 'flows', 'general.yaml'));
    expect(src.file).toBe(path.join('flows', 'general.yaml'));
    expect(src.diagnostics.map(formatDiagnostic)).toEqual([
      `${path.join('flows', 'general.yaml')}:2:1 duplicate key "a" (a key may appear only once in a mapping)`,
    ]);
  });

  it('uses the absolute path for files outside the working directory', () => {
    const file = path.join(dir, 'flow.json');
    fs.writeFileSync(file, '{"name": "x"}');
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(dir, 'elsewhere'));
    const src = readSourceFile(file);
    expect(src.file).toBe(file);
    expect(src.data).toEqual({ name: 'x' });
  });
});
