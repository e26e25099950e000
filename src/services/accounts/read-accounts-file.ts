import { readSourceFile, zodIssuesToDiagnostics, DiagnosticsError } from '../../diagnostics';
import { AccountsFileSchema, type AccountRecord } from './account.schema';

/** Reads an accounts file (YAML or JSON); a bad file stops start-up with `file:line:col` errors. */
export function readAccountsFile(path: string): AccountRecord[] {
  const source = readSourceFile(path);
  if (source.data === undefined) throw new DiagnosticsError(source.diagnostics);
  const parsed = AccountsFileSchema.safeParse(source.data);
  if (!parsed.success) throw new DiagnosticsError(zodIssuesToDiagnostics(source, parsed.error.issues, AccountsFileSchema));
  return parsed.data.accounts;
}
