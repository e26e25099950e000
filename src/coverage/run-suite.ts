import type { Project } from '../flow/load/load-project';
import { createCoverageRecorder } from './coverage-recorder';
import { coverageReport, type CoverageReport } from './coverage-report';
import { buildFlowGraph } from './flow-graph';
import type { ScenarioFile } from './load-scenarios';
import { runScenario, type ScenarioResult } from './run-scenario';

/** `where`: `file:line:col` of the failed step (or of the call) in a YAML call script. */
export type SuiteResult = { results: (ScenarioResult & { file: string; where?: string })[]; coverage: CoverageReport };

/** Plays every call script of every file, one after another, recording flow coverage across all. */
export async function runSuite(project: Project, files: readonly ScenarioFile[]): Promise<SuiteResult> {
  const recorder = createCoverageRecorder(buildFlowGraph(project.env.flows));
  const results: SuiteResult['results'] = [];
  for (const { file, scenarios, positions } of files) {
    for (const [i, scenario] of scenarios.entries()) {
      const result = await runScenario(project, scenario, recorder);
      const pos = positions?.[i] && result.failures.length ? ((result.failedStep !== undefined && positions[i].steps[result.failedStep]) || positions[i].call) : undefined;
      results.push({ file, ...result, ...(pos ? { where: `${file}:${pos.line}:${pos.col}` } : {}) });
    }
  }
  return { results, coverage: coverageReport(recorder) };
}
