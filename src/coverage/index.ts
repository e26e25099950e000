/** Flow coverage: call scripts (scenarios), the recorder that follows them node by node, the report. */
export { buildFlowGraph, type FlowGraph, type FlowModel, type NodeModel, type Edge } from './flow-graph';
export { createCoverageRecorder, type CoverageRecorder, type CallTracker } from './coverage-recorder';
export { coverageReport, filesBelow, onlyFlows, formatCoverageTable, CoverageReportSchema, type CoverageReport, type FlowCoverage } from './coverage-report';
export { followTurn, appendedVisits, successors, type Move } from './follow-turn';
export { restOf, type Position, type Rest } from './call-position';
export * from './scenario';
export { loadScenarios, SCENARIOS_DIR, ScenarioFileError, type ScenarioFile } from './load-scenarios';
export { CallScriptFileSchema, CALL_SCRIPTS_DIR, CALL_SCRIPT_SUFFIX } from './call-script.schema';
export { loadCallScriptFile, CallScriptFileError } from './load-call-scripts';
export { flowsOfHotline } from './hotline-flows';
export { runScenario, type ScenarioResult } from './run-scenario';
export { runSuite, type SuiteResult } from './run-suite';
