/** Flow coverage: call scripts (scenarios), the recorder that follows them node by node, the report. */
export { buildFlowGraph, type FlowGraph, type FlowModel, type NodeModel, type Edge } from './flow-graph';
export { createCoverageRecorder, type CoverageRecorder, type CallTracker } from './coverage-recorder';
export { coverageReport, filesBelow, formatCoverageTable, CoverageReportSchema, type CoverageReport, type FlowCoverage } from './coverage-report';
export { followTurn, appendedVisits, successors, type Move } from './follow-turn';
export { restOf, type Position, type Rest } from './call-position';
export * from './scenario';
export { loadScenarios, SCENARIOS_DIR, ScenarioFileError, type ScenarioFile } from './load-scenarios';
export { runScenario, type ScenarioResult } from './run-scenario';
export { runSuite, type SuiteResult } from './run-suite';
