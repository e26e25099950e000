import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ScenarioSchema, type Scenario } from './scenario';

export const SCENARIOS_DIR = 'test/scenarios';
export const SCENARIO_SUFFIX = '.scenario.ts';

export type ScenarioFile = { file: string; scenarios: Scenario[] };

export class ScenarioFileError extends Error {
  readonly code = 'SCENARIO_FILE';
}

/**
 * Loads every `*.scenario.ts` in a directory (sorted by name). Each file's default export is an
 * array of scenarios; they are checked against the schema here, so a typo in a script fails with
 * its file and name before any call is placed. Requires TypeScript loading: jest's transform, or
 * tsx under the `ivr` command.
 */
export function loadScenarios(dir = SCENARIOS_DIR): ScenarioFile[] {
  const kind = statSync(dir, { throwIfNoEntry: false });
  if (!kind) throw new ScenarioFileError(`${dir}: no such file or directory (give a directory of ${SCENARIO_SUFFIX} files, or one such file)`);
  // One file, or every call-script file of a directory.
  const files = kind.isFile()
    ? [dir]
    : readdirSync(dir)
        .filter((f) => f.endsWith(SCENARIO_SUFFIX))
        .sort()
        .map((f) => join(dir, f));
  if (files.length === 0) throw new ScenarioFileError(`no ${SCENARIO_SUFFIX} files in ${dir}`);
  const names = new Map<string, string>();
  return files.map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported: unknown = require(resolve(file)).default;
    const parsed = z.array(ScenarioSchema).safeParse(exported);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ScenarioFileError(`${file}: the default export must be an array of scenarios; at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    for (const s of parsed.data) {
      const other = names.get(s.name);
      if (other) throw new ScenarioFileError(`${file}: scenario "${s.name}" is also in ${other}; give each call script its own name`);
      names.set(s.name, file);
    }
    return { file, scenarios: parsed.data };
  });
}
