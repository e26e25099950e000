import type { AuditEntry, ManifestEntry, Release } from './release-store';

/** Rows as both SQL stores read them (column names shared by the SQLite and PostgreSQL tables). */
export type ReleaseRow = { id: string; seq: number; message: string; created_by: string; created_at: number };
export type FileRow = { release_id: string; path: string; sha256: string };
export type FlowRow = { release_id: string; flow_id: string; version: string };
export type AuditRow = { id: number; action: AuditEntry['action']; done_by: string; done_at: number; activate_at: number; from_release: string | null; to_release: string; message: string };

export const AUDIT_COLUMNS = 'id, action, done_by, done_at, activate_at, from_release, to_release, message';

/** Releases from their rows, with their files and flows (rows of any releases, in any order). */
export function releasesOf(rows: ReleaseRow[], files: FileRow[], flows: FlowRow[]): Release[] {
  const manifests = new Map<string, ManifestEntry[]>();
  for (const f of files) (manifests.get(f.release_id) ?? manifests.set(f.release_id, []).get(f.release_id)!).push({ path: f.path, sha256: f.sha256 });
  const versions = new Map<string, Release['flows']>();
  for (const f of flows) (versions.get(f.release_id) ?? versions.set(f.release_id, []).get(f.release_id)!).push({ flowId: f.flow_id, version: f.version });
  return rows
    .map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      message: r.message,
      by: r.created_by,
      createdAt: Number(r.created_at),
      manifest: (manifests.get(r.id) ?? []).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      flows: (versions.get(r.id) ?? []).sort((a, b) => (a.flowId < b.flowId ? -1 : a.flowId > b.flowId ? 1 : 0)),
    }))
    .sort((a, b) => a.seq - b.seq);
}

export function auditEntryOf(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    action: r.action,
    by: r.done_by,
    at: Number(r.done_at),
    activateAt: Number(r.activate_at),
    ...(r.from_release ? { from: r.from_release } : {}),
    to: r.to_release,
    message: r.message,
  };
}
