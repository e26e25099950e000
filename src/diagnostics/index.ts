// The public face of diagnostics: how to read a flow file into data, where
// things are in it, and the one shape/error type for "this input is invalid".
// Internal helpers (YAML error re-wording, schema walking) stay private so
// they can change without touching callers.
export { type Diagnostic, formatDiagnostic, sortDiagnostics, DiagnosticsError } from './diagnostic';
export { didYouMean, didYouMeanSuffix } from './did-you-mean';
export { type SourceFile, parseSourceFile, readSourceFile } from './source-file';
export { type SourcePosition } from './locate';
export { formatPath } from './data-path';
export { zodIssuesToDiagnostics } from './zod-issues';
