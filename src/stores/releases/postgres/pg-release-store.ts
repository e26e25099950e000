import { inTransaction, type PgPool } from '../../postgres/open-postgres';
import { matchRelease } from '../active-release';
import { AUDIT_COLUMNS, auditEntryOf, releasesOf, type AuditRow, type FileRow, type FlowRow, type ReleaseRow } from '../release-rows';
import type { Release, ReleaseStore } from '../release-store';

/** Serialises publishes, so sequence numbers are handed out in order ("rel" in ASCII). */
const PUBLISH_LOCK = 0x72656c;

/** Releases in PostgreSQL (migration releases_0001), shared by every server. */
export function pgReleaseStore(pool: PgPool, opts: { close?: () => Promise<void> } = {}): ReleaseStore {
  const all = async (where = '', args: unknown[] = []): Promise<Release[]> => {
    const [rows, files, flows] = await Promise.all([
      pool.query<ReleaseRow>(`SELECT id, seq, message, created_by, created_at FROM releases ${where}`, args),
      pool.query<FileRow>(`SELECT release_id, path, sha256 FROM release_files WHERE release_id IN (SELECT id FROM releases ${where})`, args),
      pool.query<FlowRow>(`SELECT release_id, flow_id, version FROM release_flows WHERE release_id IN (SELECT id FROM releases ${where})`, args),
    ]);
    return releasesOf(rows.rows, files.rows, flows.rows);
  };
  return {
    async put(r) {
      const created = await inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
        if ((await c.query('SELECT 1 FROM releases WHERE id = $1', [r.id])).rowCount) return false;
        for (const [sha, content] of r.contents) await c.query('INSERT INTO release_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha, content]);
        await c.query('INSERT INTO releases (id, seq, message, created_by, created_at) SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM releases', [r.id, r.message, r.by, r.createdAt]);
        await c.query('INSERT INTO release_files (release_id, path, sha256) SELECT $1, * FROM unnest($2::text[], $3::text[])', [r.id, r.manifest.map((f) => f.path), r.manifest.map((f) => f.sha256)]);
        await c.query('INSERT INTO release_flows (release_id, flow_id, version) SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING', [r.id, r.flows.map((f) => f.flowId), r.flows.map((f) => f.version)]);
        return true;
      });
      return { release: (await all('WHERE id = $1', [r.id]))[0]!, created };
    },
    find: async (ref) => matchRelease(await all(), ref),
    list: () => all(),
    async content(sha) {
      const { rows } = await pool.query<{ content: Buffer }>('SELECT content FROM release_blobs WHERE sha256 = $1', [sha]);
      return rows[0]?.content;
    },
    holding: async (flowId, version) => (await all('WHERE id IN (SELECT release_id FROM release_flows WHERE flow_id = $1 AND version = $2)', [flowId, version])).reverse(),
    async record(e) {
      const { rows } = await pool.query<{ id: number }>(
        'INSERT INTO release_audit (action, done_by, done_at, activate_at, from_release, to_release, message) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [e.action, e.by, e.at, e.activateAt, e.from ?? null, e.to, e.message],
      );
      return { ...e, id: Number(rows[0].id) };
    },
    audit: async () => (await pool.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM release_audit ORDER BY id`)).rows.map(auditEntryOf),
    async activeAt(now) {
      const { rows } = await pool.query<{ to_release: string }>('SELECT to_release FROM release_audit WHERE activate_at <= $1 ORDER BY activate_at DESC, id DESC LIMIT 1', [now]);
      return rows[0]?.to_release;
    },
    close: async () => opts.close?.(),
  };
}
