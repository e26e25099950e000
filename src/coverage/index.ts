/** Flow coverage: the recorder that follows simulated calls node by node, and the report. */
export { buildFlowGraph, type FlowGraph, type FlowModel, type NodeModel, type Edge } from './flow-graph';
export { createCoverageRecorder, type CoverageRecorder, type CallTracker } from './coverage-recorder';
export { coverageReport, filesBelow, formatCoverageTable, CoverageReportSchema, type CoverageReport, type FlowCoverage } from './coverage-report';
export { followTurn, appendedVisits, successors, type Move } from './follow-turn';
export { restOf, type Position, type Rest } from './call-position';
