import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CALL_SCRIPTS_DIR, loadScenarios, SCENARIOS_DIR, type ScenarioFile } from '../../src/coverage';

/**
 * The flows directory the suite checks: ./flows, or FLOWS_DIR (a designer's copy with a line added:
 * test/flows/new-hotline.test.ts runs the flow checks against one).
 */
export const FLOWS_UNDER_TEST = process.env.FLOWS_DIR ?? 'flows';

/** Every call script of those flows: `<flows>/tests/*.calls.yaml`, and TypeScript ones in test/scenarios if any. */
export function callScriptsUnderTest(): ScenarioFile[] {
  return loadScenarios([join(FLOWS_UNDER_TEST, CALL_SCRIPTS_DIR), SCENARIOS_DIR].filter((p) => existsSync(p)));
}
