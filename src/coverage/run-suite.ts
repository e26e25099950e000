import type { Project } from '../flow/load/load-project';
import { createCoverageRecorder } from './coverage-recorder';
import { coverageReport, type CoverageReport } from './coverage-report';
import { buildFlowGraph } from './flow-graph';
import type { ScenarioFile } from './load-scenarios';
import { runScenario, type ScenarioResult } from './run-scenario';

export type SuiteResult = { results: (ScenarioResult & { file: string })[]; coverage: CoverageReport };

/** Plays every call script of every file, one after another, recording flow coverage across all. */
export async function runSuite(project: Project, files: readonly ScenarioFile[]): Promise<SuiteResult> {
  const recorder = createCoverageRecorder(buildFlowGraph(project.env.flows));
  const results: SuiteResult['results'] = [];
  for (const { file, scenarios } of files) {
    for (const scenario of scenarios) results.push({ file, ...(await runScenario(project, scenario, recorder)) });
  }
  return { results, coverage: coverageReport(recorder) };
}
