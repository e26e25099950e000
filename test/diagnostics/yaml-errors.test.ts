import { formatDiagnostic, parseSourceFile } from '../../src/diagnostics';

/** Builds file text from lines so line numbers in expectations are easy to count. */
const lines = (...ls: string[]) => ls.join('\n') + '\n';
const problems = (file: string, text: string) => parseSourceFile(file, text).diagnostics.map(formatDiagnostic);

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
