import { parseSourceFile } from '../../src/diagnostics';

/** Builds file text from lines so line numbers in expectations are easy to count. */
const lines = (...ls: string[]) => ls.join('\n') + '\n';

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
