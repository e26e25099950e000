import { DiagnosticsError, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../src/diagnostics';

const d = (file: string, line: number, col: number, message = 'm'): Diagnostic => ({ file, line, col, message });

describe('formatDiagnostic', () => {
  it('renders file:line:col message', () => {
    expect(
      formatDiagnostic(
        d(
          'flows/general.yaml',
          42,
          7,
          'node "account_menu" option "2" goes to "stolenn", which does not exist (did you mean "stolen"?)',
        ),
      ),
    ).toBe(
      'flows/general.yaml:42:7 node "account_menu" option "2" goes to "stolenn", which does not exist (did you mean "stolen"?)',
    );
  });
});

describe('sortDiagnostics', () => {
  it('orders by file, then line, then column, without mutating the input', () => {
    const input = [d('b.yaml', 1, 1), d('a.yaml', 10, 2), d('a.yaml', 2, 9), d('a.yaml', 10, 1)];
    const sorted = sortDiagnostics(input);
    expect(sorted.map(formatDiagnostic)).toEqual(['a.yaml:2:9 m', 'a.yaml:10:1 m', 'a.yaml:10:2 m', 'b.yaml:1:1 m']);
    expect(input[0].file).toBe('b.yaml');
  });

  it('keeps the original order for diagnostics at the same position', () => {
    const sorted = sortDiagnostics([d('a.yaml', 1, 1, 'first'), d('a.yaml', 1, 1, 'second')]);
    expect(sorted.map((x) => x.message)).toEqual(['first', 'second']);
  });
});

describe('DiagnosticsError', () => {
  it('is an Error whose message lists every diagnostic, one per line', () => {
    const err = new DiagnosticsError([d('a.yaml', 1, 2, 'one'), d('b.yaml', 3, 4, 'two')]);
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(DiagnosticsError);
    expect(err.name).toBe('DiagnosticsError');
    expect(err.message).toBe('a.yaml:1:2 one\nb.yaml:3:4 two');
    expect(err.diagnostics).toHaveLength(2);
  });
});
