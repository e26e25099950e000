import type { SqliteDatabase } from '../../sqlite/open-sqlite';
import { matchRelease } from '../active-release';
import { AUDIT_COLUMNS, auditEntryOf, releasesOf, type AuditRow, type FileRow, type FlowRow, type ReleaseRow } from '../release-rows';
import type { Release, ReleaseStore } from '../release-store';

/** Releases in the SQLite file (migration releases_0001). Publishing is rare: plain transactions, no write group. */
export function sqliteReleaseStore(db: SqliteDatabase, opts: { close?: () => void } = {}): ReleaseStore {
  const insertBlob = db.prepare<[string, Buffer]>('INSERT INTO release_blobs (sha256, content) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING');
  const insertRelease = db.prepare<[string, string, string, number]>(
    'INSERT INTO releases (id, seq, message, created_by, created_at) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM releases',
  );
  const insertFile = db.prepare<[string, string, string]>('INSERT INTO release_files (release_id, path, sha256) VALUES (?, ?, ?)');
  const insertFlow = db.prepare<[string, string, string]>('INSERT INTO release_flows (flow_id, version, release_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const exists = db.prepare<[string], { id: string }>('SELECT id FROM releases WHERE id = ?');
  const insertAudit = db.prepare<[string, string, number, number, string | null, string, string]>(
    'INSERT INTO release_audit (action, done_by, done_at, activate_at, from_release, to_release, message) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  const all = (where = '', ...args: string[]): Release[] =>
    releasesOf(
      db.prepare<string[], ReleaseRow>(`SELECT id, seq, message, created_by, created_at FROM releases ${where}`).all(...args),
      db.prepare<string[], FileRow>(`SELECT release_id, path, sha256 FROM release_files WHERE release_id IN (SELECT id FROM releases ${where})`).all(...args),
      db.prepare<string[], FlowRow>(`SELECT release_id, flow_id, version FROM release_flows WHERE release_id IN (SELECT id FROM releases ${where})`).all(...args),
    );
  const one = (id: string) => all('WHERE id = ?', id)[0];

  const put = db.transaction((r: Parameters<ReleaseStore['put']>[0]): boolean => {
    if (exists.get(r.id)) return false;
    for (const [sha, content] of r.contents) insertBlob.run(sha, content);
    insertRelease.run(r.id, r.message, r.by, r.createdAt);
    for (const f of r.manifest) insertFile.run(r.id, f.path, f.sha256);
    for (const f of r.flows) insertFlow.run(f.flowId, f.version, r.id);
    return true;
  });

  return {
    async put(r) {
      const created = put(r);
      return { release: one(r.id)!, created };
    },
    find: async (ref) => matchRelease(all(), ref),
    list: async () => all(),
    content: async (sha) => db.prepare<[string], { content: Buffer }>('SELECT content FROM release_blobs WHERE sha256 = ?').get(sha)?.content,
    holding: async (flowId, version) =>
      all('WHERE id IN (SELECT release_id FROM release_flows WHERE flow_id = ? AND version = ?)', flowId, version).reverse(),
    async record(e) {
      const { lastInsertRowid } = insertAudit.run(e.action, e.by, e.at, e.activateAt, e.from ?? null, e.to, e.message);
      return { ...e, id: Number(lastInsertRowid) };
    },
    audit: async () => db.prepare<[], AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM release_audit ORDER BY id`).all().map(auditEntryOf),
    activeAt: async (now) =>
      db.prepare<[number], { to_release: string }>('SELECT to_release FROM release_audit WHERE activate_at <= ? ORDER BY activate_at DESC, id DESC LIMIT 1').get(now)?.to_release,
    close: async () => opts.close?.(),
  };
}
