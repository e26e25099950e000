import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CALL_SCRIPT_SUFFIX } from './call-script.schema';
import { loadCallScriptFile, type CallScriptPositions } from './load-call-scripts';
import { ScenarioSchema, type Scenario } from './scenario';

export const SCENARIOS_DIR = 'test/scenarios';
export const SCENARIO_SUFFIX = '.scenario.ts';

/** A file of call scripts; YAML ones know where each call and step was written. */
export type ScenarioFile = { file: string; scenarios: Scenario[]; positions?: CallScriptPositions };

export class ScenarioFileError extends Error {
  readonly code = 'SCENARIO_FILE';
}

const isScript = (f: string) => f.endsWith(SCENARIO_SUFFIX) || f.endsWith(CALL_SCRIPT_SUFFIX);

/**
 * Loads call scripts from files and directories: `*.calls.yaml` (a designer's, beside the flows)
 * and `*.scenario.ts` (a default export: an array of scenarios; needs TypeScript loading: jest's
 * transform, or tsx under the `ivr` command). A directory gives its files sorted by name. Every
 * script is checked here, so a typo fails with its file (and line) before any call is placed;
 * two scripts of one name are refused.
 */
export function loadScenarios(paths: string | readonly string[] = SCENARIOS_DIR): ScenarioFile[] {
  const files = (typeof paths === 'string' ? [paths] : paths).flatMap((path) => {
    const kind = statSync(path, { throwIfNoEntry: false });
    if (!kind) throw new ScenarioFileError(`${path}: no such file or directory (give a directory of call scripts, or a ${CALL_SCRIPT_SUFFIX} or ${SCENARIO_SUFFIX} file)`);
    if (kind.isFile()) return [path];
    return readdirSync(path)
      .filter(isScript)
      .sort()
      .map((f) => join(path, f));
  });
  if (files.length === 0) throw new ScenarioFileError(`no ${CALL_SCRIPT_SUFFIX} or ${SCENARIO_SUFFIX} files in ${[paths].flat().join(', ')}`);
  const names = new Map<string, string>();
  return files.map((file) => {
    const loaded = file.endsWith(SCENARIO_SUFFIX) ? { scenarios: loadTypeScript(file) } : loadCallScriptFile(file);
    for (const s of loaded.scenarios) {
      const other = names.get(s.name);
      if (other) throw new ScenarioFileError(`${file}: call script "${s.name}" is also in ${other}; give each call script its own name`);
      names.set(s.name, file);
    }
    return { file, ...loaded };
  });
}

function loadTypeScript(file: string): Scenario[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported: unknown = require(resolve(file)).default;
  const parsed = z.array(ScenarioSchema).safeParse(exported);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScenarioFileError(`${file}: the default export must be an array of scenarios; at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
