import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic, parseSourceFile, readSourceFile } from '../../src/diagnostics';

/** Builds file text from lines so line numbers in expectations are easy to count. */
const lines = (...ls: string[]) => ls.join('\n') + '\n';
const problems = (file: string, text: string) => parseSourceFile(file, text).diagnostics.map(formatDiagnostic);

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

describe('parseSourceFile: syntax errors give one diagnostic each, at the spot to fix', () => {
  it('over-indented mapping entry', () => {
    const text = lines('nodes:', '  main:', '    type: say', '      text: hi', '    next: x');
    const src = parseSourceFile('f.yaml', text);
    expect(src.data).toBeUndefined();
    expect(src.diagnostics.map(formatDiagnostic)).toEqual(['f.yaml:4:7 bad indentation of a mapping entry']);
  });

  it('under-indented mapping entry', () => {
    expect(problems('f.yaml', lines('nodes:', '  main:', '    type: say', '   text: hi'))).toEqual([
      'f.yaml:4:4 bad indentation of a mapping entry (keys of one mapping must line up)',
    ]);
  });

  it('under-indented sequence entry', () => {
    expect(problems('f.yaml', lines('items:', '  - a: 1', '    b: 2', ' - c'))).toEqual([
      'f.yaml:4:2 bad indentation of a sequence entry',
    ]);
  });

  it('a tab used for indentation', () => {
    expect(problems('f.yaml', lines('nodes:', '  main:', '\t- 1'))).toEqual([
      'f.yaml:3:1 tabs are not allowed for indentation (use spaces)',
    ]);
  });

  it('an unclosed double quote, reported at the opening quote', () => {
    expect(problems('f.yaml', lines('a: 1', 'b: "hello', 'c: 3', 'd: 4'))).toEqual([
      'f.yaml:2:4 missing closing " quote for the string that starts here',
    ]);
  });

  it('an unclosed single quote inside a sequence', () => {
    expect(problems('f.yaml', lines('x:', '  - "ok"', "  - 'bad", '  - c'))).toEqual([
      "f.yaml:3:5 missing closing ' quote for the string that starts here",
    ]);
  });

  it('an unclosed bracket, reported at the opening bracket', () => {
    expect(problems('f.yaml', lines('nodes:', '  menu: [1, 2', '  say: x'))).toEqual([
      'f.yaml:2:9 missing closing ] for the flow sequence that starts here',
    ]);
    expect(problems('f.json', '{"a": [1, 2}\n')).toEqual(['f.json:1:7 missing closing ] for the flow sequence that starts here']);
  });

  it('a duplicate key, at the second occurrence', () => {
    expect(problems('f.yaml', lines('nodes:', '  a:', '    type: say', '    type: menu'))).toEqual([
      'f.yaml:4:5 duplicate key "type" (a key may appear only once in a mapping)',
    ]);
  });

  it('independent problems are each reported', () => {
    expect(problems('f.yaml', lines('a: 1', 'b: 2', 'a: 3', 'b: 4'))).toEqual([
      'f.yaml:3:1 duplicate key "a" (a key may appear only once in a mapping)',
      'f.yaml:4:1 duplicate key "b" (a key may appear only once in a mapping)',
    ]);
  });

  it('a missing space after a colon', () => {
    expect(problems('f.yaml', lines('next:main', 'type: say'))).toEqual([
      'f.yaml:1:6 missing space after ":" (write "key: value")',
    ]);
  });

  it('an unquoted value containing ": "', () => {
    expect(problems('f.yaml', lines('say: Press 1: sales'))).toEqual([
      'f.yaml:1:6 nested mappings are not allowed in compact mappings (quote values that contain ": ")',
    ]);
  });

  it('an alias without an anchor', () => {
    expect(problems('f.yaml', lines('a: &greeting hi', 'b: *greting'))).toEqual([
      'f.yaml:2:4 unknown alias "*greting": no anchor "&greting" is defined before it (did you mean "greeting"?)',
    ]);
  });

  it('more than one document', () => {
    const [message] = problems('f.yaml', lines('a: 1', '---', 'b: 2'));
    expect(message).toMatch(/^f\.yaml:2:1 a file may contain only one YAML document/);
  });

  it('messages are a single line without the library code frame', () => {
    const [message] = problems('f.yaml', lines('a: {x: 1', 'b: 2'));
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/at line \d+/);
  });

  it('JSON syntax errors get positions too', () => {
    expect(problems('f.json', '{\n  "a": 1,\n  "a": 2\n}\n')).toEqual([
      'f.json:3:3 duplicate key "a" (a key may appear only once in a mapping)',
    ]);
    expect(problems('f.json', '{"a": "x}\n')).toEqual(['f.json:1:7 missing closing " quote for the string that starts here']);
  });
});

describe('SourceFile.locate', () => {
  const text = lines(
    '# header comment', //          1
    'name: general', //             2
    'nodes:', //                    3
    '  - id: main_menu', //         4
    '    type: menu', //            5
    '    options:', //              6
    '      1: billing', //          7
    '      "2": stolen', //         8
    '  - id: billing', //           9
    '    type: say', //             10
    'byId:', //                     11
    '  main_menu:', //              12
    '    options:', //              13
    '      2: stolen', //           14
    'empty:', //                    15
  );
  const src = parseSourceFile('flows/general.yaml', text);

  it('parses the fixture', () => {
    expect(src.diagnostics).toEqual([]);
  });

  it('finds map values and keys', () => {
    expect(src.locate(['name'])).toEqual({ line: 2, col: 7 });
    expect(src.locate(['name'], 'key')).toEqual({ line: 2, col: 1 });
    expect(src.locate(['byId', 'main_menu'], 'key')).toEqual({ line: 12, col: 3 });
    // A block mapping value starts at its first key.
    expect(src.locate(['byId', 'main_menu'])).toEqual({ line: 13, col: 5 });
  });

  it('finds sequence items by number or numeric string', () => {
    expect(src.locate(['nodes', 0])).toEqual({ line: 4, col: 5 });
    expect(src.locate(['nodes', 1, 'type'])).toEqual({ line: 10, col: 11 });
    expect(src.locate(['nodes', '1', 'type'])).toEqual({ line: 10, col: 11 });
    expect(src.locate(['nodes', 0, 'type'], 'key')).toEqual({ line: 5, col: 5 });
  });

  it('matches numeric YAML keys against string path segments', () => {
    expect(src.locate(['nodes', 0, 'options', '2'])).toEqual({ line: 8, col: 12 });
    expect(src.locate(['nodes', 0, 'options', '2'], 'key')).toEqual({ line: 8, col: 7 });
    expect(src.locate(['nodes', 0, 'options', 1])).toEqual({ line: 7, col: 10 });
    expect(src.locate(['byId', 'main_menu', 'options', '2'])).toEqual({ line: 14, col: 10 });
    expect(src.locate(['byId', 'main_menu', 'options', '2'], 'key')).toEqual({ line: 14, col: 7 });
  });

  it('a sequence item has no key, so "key" falls back to the value', () => {
    expect(src.locate(['nodes', 0], 'key')).toEqual({ line: 4, col: 5 });
  });

  it('falls back to the deepest existing ancestor for partial paths', () => {
    expect(src.locate(['nodes', 0, 'next'])).toEqual({ line: 4, col: 5 });
    expect(src.locate(['nodes', 7])).toEqual({ line: 4, col: 3 });
    expect(src.locate(['nodes', 7], 'key')).toEqual({ line: 3, col: 1 });
    expect(src.locate(['byId', 'main_menu', 'next', 'x'], 'key')).toEqual({ line: 12, col: 3 });
    expect(src.locate(['name', 'deeper'])).toEqual({ line: 2, col: 7 });
    expect(src.locate(['missing'])).toEqual({ line: 1, col: 1 });
  });

  it('points at the key when the value is empty', () => {
    expect(src.locate(['empty'])).toEqual({ line: 15, col: 1 });
  });

  it('the empty path is 1:1', () => {
    expect(src.locate([])).toEqual({ line: 1, col: 1 });
    expect(src.locate([], 'key')).toEqual({ line: 1, col: 1 });
  });

  it('follows aliases to their anchor', () => {
    const aliased = parseSourceFile('f.yaml', lines('base: &b', '  timeout: 5', 'copy: *b'));
    expect(aliased.data).toEqual({ base: { timeout: 5 }, copy: { timeout: 5 } });
    expect(aliased.locate(['copy'])).toEqual({ line: 3, col: 7 });
    expect(aliased.locate(['copy', 'timeout'])).toEqual({ line: 2, col: 12 });
  });

  it('works on JSON', () => {
    const json = parseSourceFile(
      'flows/general.json',
      [
        '{',
        '  "name": "general",',
        '  "nodes": [',
        '    { "id": "a", "type": "say" },',
        '    {',
        '      "id": "b"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
    expect(json.diagnostics).toEqual([]);
    expect(json.locate(['name'])).toEqual({ line: 2, col: 11 });
    expect(json.locate(['nodes', 0, 'type'])).toEqual({ line: 4, col: 26 });
    expect(json.locate(['nodes', 0, 'type'], 'key')).toEqual({ line: 4, col: 18 });
    expect(json.locate(['nodes', 1])).toEqual({ line: 5, col: 5 });
    expect(json.locate(['nodes', 1, 'id'])).toEqual({ line: 6, col: 13 });
    expect(json.locate(['nodes', 1, 'type'])).toEqual({ line: 5, col: 5 });
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
