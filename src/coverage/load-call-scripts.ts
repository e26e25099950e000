import { formatDiagnostic, readSourceFile, zodIssuesToDiagnostics, type SourcePosition } from '../diagnostics';
import { CallScriptFileSchema } from './call-script.schema';
import type { Scenario } from './scenario';
import { ScenarioSchema } from './scenario';

/** Where a call and each of its steps (after flattening) were written, for failures a designer can jump to. */
export type CallScriptPositions = Array<{ call: SourcePosition; steps: SourcePosition[] }>;

export class CallScriptFileError extends Error {
  readonly code = 'CALL_SCRIPT_FILE';
}

/**
 * Reads one `*.calls.yaml` file into scenarios, with positions. A mistake in the file (YAML, an
 * unknown step, a bad key) throws every problem as `file:line:col: what is wrong`.
 */
export function loadCallScriptFile(file: string): { scenarios: Scenario[]; positions: CallScriptPositions } {
  const source = readSourceFile(file);
  if (source.data === undefined) throw new CallScriptFileError(source.diagnostics.map(formatDiagnostic).join('\n'));
  const parsed = CallScriptFileSchema.safeParse(source.data);
  if (!parsed.success) throw new CallScriptFileError(zodIssuesToDiagnostics(source, parsed.error.issues, CallScriptFileSchema).map(formatDiagnostic).join('\n'));
  const raw = source.data as { calls: Array<{ steps?: unknown[] }> };
  const positions: CallScriptPositions = raw.calls.map((call, i) => ({
    call: source.locate(['calls', i, 'name']),
    steps: (call.steps ?? []).flatMap((step, j) =>
      Array.isArray(step) ? step.map((_, k) => source.locate(['calls', i, 'steps', j, k])) : [source.locate(['calls', i, 'steps', j])],
    ),
  }));
  return { scenarios: parsed.data.calls.map((c) => ScenarioSchema.parse(c)), positions };
}
